package org.rosebench.attacks.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SortedSet;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.MlmPrediction;
import org.rosebench.attacks.spi.RankedToken;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.attacks.text.WordSegmenter;

/**
 * Masked-LM word swaps, TextAttack's {@code WordSwapMaskedLM} in its two modes (docs/attacks.md §3, §5).
 *
 * <p><b>bae</b>: replace the word with the mask token in the current text and rank the vocabulary at the
 * mask. Walking that ranking, keep up to {@code maxCandidates} entries with probability at least
 * {@code minConfidence} that are, with sub-word markers stripped, one word and not punctuation only; then
 * drop the original word and entries without an ASCII letter. TextAttack walks the whole vocabulary ranking; this
 * port first asks for the {@code rankPoolSize} most probable entries (200 by default) and walks the whole
 * vocabulary only when those leave fewer than {@code maxCandidates} words, which gives the same list.
 *
 * <p><b>bert-attack</b>: run the <em>unmasked</em> current text through the MLM once and keep the top-K ids at
 * every position. The word's sub-tokens start where a mask put in its place lands. A single-sub-token word
 * gets the top-K tokens at its position that are whole words (no {@code ##} piece). A word of several
 * sub-tokens gets the combinations of the per-position top-K lists that join into one word, the first K kept.
 * TextAttack's code means to sort them by MLM perplexity {@code exp(mean(-log p))} but discards the result of
 * {@code sorted(...)}, so it keeps the first K in {@code itertools.product} order (the last position varying
 * fastest): {@code sortByPerplexity = false}, the recipe's default, reproduces that; {@code true} sorts as the
 * paper intends. Candidates keep the MLM's (lower) case.
 *
 * <p>TextAttack enumerates all K^n combinations (5.3 million for K = 48 and four sub-tokens); here both orders
 * stop at K one-word combinations (the sorted one produced best-first with a heap), which gives the same list
 * (ties in perplexity kept in product order).
 *
 * <p>Words are segmented (one-word checks) with the attack's {@link WordSegmenter}, as TextAttack's
 * {@code is_one_word} uses its own {@code words_from_text}.
 */
public final class WordSwapMaskedLM implements Transformation {

    /** Which published recipe's candidate generation to follow. */
    public enum Mode {
        BAE("bae"),
        BERT_ATTACK("bert-attack");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Default vocabulary entries examined per mask in bae mode. */
    public static final int DEFAULT_RANK_POOL = 200;

    private final MaskedLmScorer mlm;
    private final Mode mode;
    private final int maxCandidates;
    private final double minConfidence;
    private final int rankPoolSize;
    private final boolean sortByPerplexity;
    private final WordSegmenter segmenter;

    private WordSwapMaskedLM(MaskedLmScorer mlm, Mode mode, int maxCandidates, double minConfidence,
            int rankPoolSize, boolean sortByPerplexity, WordSegmenter segmenter) {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("max candidates must be positive: " + maxCandidates);
        }
        this.mlm = mlm;
        this.mode = mode;
        this.maxCandidates = maxCandidates;
        this.minConfidence = minConfidence;
        this.rankPoolSize = Math.max(rankPoolSize, maxCandidates);
        this.sortByPerplexity = sortByPerplexity;
        this.segmenter = segmenter;
    }

    /** BAE mode; the recipe uses 50 candidates and minimum confidence 0.0. */
    public static WordSwapMaskedLM bae(MaskedLmScorer mlm, int maxCandidates, double minConfidence, int rankPoolSize) {
        return bae(mlm, maxCandidates, minConfidence, rankPoolSize, WordSegmenter.DEFAULT);
    }

    public static WordSwapMaskedLM bae(MaskedLmScorer mlm, int maxCandidates, double minConfidence, int rankPoolSize,
            WordSegmenter segmenter) {
        return new WordSwapMaskedLM(mlm, Mode.BAE, maxCandidates, minConfidence, rankPoolSize, true, segmenter);
    }

    /** BERT-Attack mode with K = {@code maxCandidates} (48 in v0.3.10 and the paper, 8 in v0.3.11). */
    public static WordSwapMaskedLM bertAttack(MaskedLmScorer mlm, int maxCandidates, boolean sortByPerplexity) {
        return bertAttack(mlm, maxCandidates, sortByPerplexity, WordSegmenter.DEFAULT);
    }

    public static WordSwapMaskedLM bertAttack(MaskedLmScorer mlm, int maxCandidates, boolean sortByPerplexity,
            WordSegmenter segmenter) {
        return new WordSwapMaskedLM(mlm, Mode.BERT_ATTACK, maxCandidates, 0.0, maxCandidates, sortByPerplexity,
                segmenter);
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public List<AttackedText> transform(AttackedText current, SortedSet<Integer> indicesToModify) {
        if (indicesToModify.isEmpty()) {
            return List.of();
        }
        return mode == Mode.BAE ? baeTransform(current, new ArrayList<>(indicesToModify))
                : bertAttackTransform(current, indicesToModify);
    }

    // ---- bae ----

    private List<AttackedText> baeTransform(AttackedText current, List<Integer> indices) {
        List<String> masked = new ArrayList<>(indices.size());
        for (int i : indices) {
            masked.add(current.replaceWordAt(i, mlm.maskToken()).text());
        }
        List<List<RankedToken>> ranked = mlm.rankAtMask(masked, rankPoolSize);
        List<AttackedText> out = new ArrayList<>();
        for (int k = 0; k < indices.size(); k++) {
            int index = indices.get(k);
            String original = current.wordAt(index);
            List<String> top = baeTopWords(ranked.get(k));
            if (needsWholeVocabulary(top, ranked.get(k))) {
                // TextAttack walks the whole vocabulary; the pool ran out before the walk would have stopped
                top = baeTopWords(mlm.rankAtMask(List.of(masked.get(k)), Integer.MAX_VALUE).get(0));
            }
            for (String word : top) {
                if (!word.equals(original) && hasAsciiLetter(word) && segmenter.isOneWord(word)) {
                    out.add(current.replaceWordAt(index, word));
                }
            }
        }
        return out;
    }

    /**
     * Whether the walk over a ranking of {@code rankPoolSize} entries ended only because the pool did: fewer than
     * {@code maxCandidates} words kept, every entry above the confidence floor, and the ranking not already the
     * whole vocabulary (a scorer returns fewer than k entries only when k exceeds it).
     */
    private boolean needsWholeVocabulary(List<String> top, List<RankedToken> ranking) {
        return top.size() < maxCandidates && ranking.size() >= rankPoolSize
                && ranking.get(ranking.size() - 1).probability() >= minConfidence;
    }

    /** The words TextAttack's {@code _bae_replacement_words} keeps from one ranking. */
    List<String> baeTopWords(List<RankedToken> ranking) {
        List<String> top = new ArrayList<>();
        for (RankedToken t : ranking) {
            String word = mlm.isSubwordPiece(t.token()) ? mlm.stripSubwordMarker(t.token()) : t.token();
            if (t.probability() >= minConfidence && segmenter.isOneWord(word) && !isPunctuationOnly(word)) {
                top.add(word);
            }
            if (top.size() >= maxCandidates || t.probability() < minConfidence) {
                break;
            }
        }
        return top;
    }

    // ---- bert-attack ----

    private List<AttackedText> bertAttackTransform(AttackedText current, SortedSet<Integer> indices) {
        MlmPrediction prediction = mlm.predict(current.text(), maxCandidates);
        int positions = Math.min(mlm.maxLength(), prediction.length());
        List<AttackedText> out = new ArrayList<>();
        for (int index : indices) {
            String word = current.wordAt(index);
            int start = mlm.maskPosition(current.replaceWordAt(index, mlm.maskToken()).text());
            if (start < 0) {
                continue; // the word lies past the truncation point
            }
            int end = Math.min(start + mlm.subTokenCount(word), positions);
            if (end <= start) {
                continue;
            }
            List<String> replacements = end - start == 1 ? singleTokenWords(prediction, start)
                    : combinationWords(prediction, start, end);
            for (String r : replacements) {
                if (!r.equals(word)) {
                    out.add(current.replaceWordAt(index, r));
                }
            }
        }
        return out;
    }

    private List<String> singleTokenWords(MlmPrediction prediction, int position) {
        List<String> words = new ArrayList<>();
        for (int id : prediction.topIds(position)) {
            String token = prediction.token(id);
            if (segmenter.isOneWord(token) && !mlm.isSubwordPiece(token)) {
                words.add(token);
            }
        }
        return words;
    }

    /** One-word combinations of the top ids at positions [start, end), the first K in the configured order. */
    List<String> combinationWords(MlmPrediction prediction, int start, int end) {
        int n = end - start;
        int[][] top = new int[n][];
        for (int j = 0; j < n; j++) {
            top[j] = prediction.topIds(start + j);
            if (top[j].length == 0) {
                return List.of();
            }
        }
        return sortByPerplexity ? bestFirst(prediction, start, top) : productOrder(prediction, top);
    }

    private List<String> productOrder(MlmPrediction prediction, int[][] top) {
        List<String> words = new ArrayList<>();
        int[] ranks = new int[top.length];
        do {
            String word = join(prediction, top, ranks);
            if (segmenter.isOneWord(word)) {
                words.add(word);
            }
        } while (words.size() < maxCandidates && nextInProductOrder(ranks, top));
        return words;
    }

    private static boolean nextInProductOrder(int[] ranks, int[][] top) {
        for (int j = ranks.length - 1; j >= 0; j--) {
            if (++ranks[j] < top[j].length) {
                return true;
            }
            ranks[j] = 0;
        }
        return false;
    }

    private record Combination(int[] ranks, double cost) {
    }

    /**
     * Combinations in increasing perplexity, ties in product order. Each position's list is sorted by
     * probability, so a combination never costs less than the one it is derived from; every combination is
     * derived from exactly one parent (its last non-zero rank decremented), so none is visited twice.
     */
    private List<String> bestFirst(MlmPrediction prediction, int start, int[][] top) {
        PriorityQueue<Combination> heap = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(a.cost, b.cost);
            return c != 0 ? c : Arrays.compare(a.ranks, b.ranks);
        });
        int[] first = new int[top.length];
        heap.add(new Combination(first, cost(prediction, start, top, first)));
        List<String> words = new ArrayList<>();
        while (!heap.isEmpty() && words.size() < maxCandidates) {
            Combination c = heap.poll();
            String word = join(prediction, top, c.ranks);
            if (segmenter.isOneWord(word)) {
                words.add(word);
            }
            int lastNonZero = 0;
            for (int j = 0; j < c.ranks.length; j++) {
                if (c.ranks[j] != 0) {
                    lastNonZero = j;
                }
            }
            for (int j = lastNonZero; j < c.ranks.length; j++) {
                if (c.ranks[j] + 1 < top[j].length) {
                    int[] next = c.ranks.clone();
                    next[j]++;
                    heap.add(new Combination(next, cost(prediction, start, top, next)));
                }
            }
        }
        return words;
    }

    /** Sum of negative log-probabilities; perplexity is {@code exp(cost / n)}, so the order is the same. */
    private static double cost(MlmPrediction prediction, int start, int[][] top, int[] ranks) {
        double sum = 0;
        for (int j = 0; j < ranks.length; j++) {
            sum -= prediction.logProb(start + j, top[j][ranks[j]]);
        }
        return sum;
    }

    /** The MLM perplexity of putting {@code ids} at consecutive positions from {@code start}. */
    public static double perplexity(MlmPrediction prediction, int start, int[] ids) {
        double sum = 0;
        for (int j = 0; j < ids.length; j++) {
            sum -= prediction.logProb(start + j, ids[j]);
        }
        return Math.exp(sum / ids.length);
    }

    private String join(MlmPrediction prediction, int[][] top, int[] ranks) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < ranks.length; j++) {
            sb.append(prediction.token(top[j][ranks[j]]));
        }
        // TextAttack removes "##" from the joined string.
        return mlm.stripSubwordMarker(sb.toString());
    }

    // ---- helpers ----

    /** TextAttack's {@code check_if_punctuations}: every character is ASCII punctuation (true for ""). */
    static boolean isPunctuationOnly(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c > 127 || !(c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126)) {
                return false;
            }
        }
        return true;
    }

    static boolean hasAsciiLetter(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        if (mode == Mode.BAE) {
            return "word-swap-masked-lm (bae: " + maxCandidates + " candidates at [MASK], min confidence "
                    + minConfidence + ", whole vocabulary walked, first " + rankPoolSize + " ranked at once)";
        }
        return "word-swap-masked-lm (bert-attack: K=" + maxCandidates + " per position from one unmasked pass, "
                + "multi-sub-token words in " + (sortByPerplexity ? "perplexity order" : "itertools.product order (TextAttack)")
                + ")";
    }
}
