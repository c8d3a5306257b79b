package org.rosebench.attacks.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.recipe.BaeRecipe;
import org.rosebench.attacks.recipe.BertAttackRecipe;
import org.rosebench.attacks.recipe.TextFoolerRecipe;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.attacks.text.WordCase;

/**
 * Calibrates the thresholds of the sentence-encoder constraints of TextFooler, BAE and BERT-Attack for an encoder
 * other than the Universal Sentence Encoder (MiniLM by default), on real sentences.
 *
 * <h2>Swaps</h2>
 * A word of a sentence can be swapped when it is alphabetic, in neither stopword list of the recipes (case-sensitive,
 * as the stopword constraint), tagged NOUN, VERB, ADJ or ADV in the whole sentence, and is itself a base form of that
 * part of speech (so no inflection has to be invented). Its <b>synonyms</b> are the lexicon's synonyms of that part of
 * speech that are also among its {@value #NEIGHBOURS} nearest neighbours in the word-embedding space with cosine
 * ≥ {@value #MIN_WORD_COS}: the TextFooler candidates that WordNet confirms. Counter-fitting pulled the synonyms of
 * every sense together, so many of them are wrong-sense swaps (end → terminal, year → twelvemonth); the
 * <b>first-sense synonyms</b>, those of the word's most frequent WordNet sense, are the clearly meaning-preserving
 * ones. Its <b>antonyms</b> are the lexicon's antonyms of that part of speech (meaning-changing). The original word's
 * case is restored on the swap, as the transformations do.
 *
 * <h2>Pairs</h2>
 * <ul>
 *   <li><b>Windowed regimes</b> (TextFooler, BAE): sentences with at least as many words as the window (shorter ones
 *   pass the constraint whatever the threshold). A test position is a word with both a first-sense synonym and an
 *   antonym. It is scored in a single-word context and in {@value #PRIOR_SETS} multi-word contexts, after 1 to
 *   {@value #MAX_PRIOR_SWAPS} earlier synonym swaps elsewhere in the sentence (what the text looks like later in an
 *   attack); in each context, every first-sense synonym and every antonym is swapped in (paired design: the synonym
 *   and antonym pairs share sentence, word and context). The reference is the text with the earlier swaps (TextFooler
 *   compares with the current text) or the original (BAE).</li>
 *   <li><b>Whole-text regime</b> (BERT-Attack): any sentence with a synonym slot; 1 to ⌈40% × words⌉ of its words
 *   (BERT-Attack's cap, as far as the sentence has swappable words) swapped for synonyms, against the original. When
 *   the sentence has a position with an antonym, that position is among the swaps and an antonym twin is scored too.
 *   Unrelated pairs (another random sentence) are scored for context.</li>
 * </ul>
 * Every pair is scored by the recipe's own constraint ({@code TextFoolerRecipe.sentenceEncoder} etc.), so windowing and
 * metric are the recipe's; embeddings are computed once per distinct text, in length-sorted batches.
 *
 * <h2>Rule</h2>
 * One rule for all three regimes ({@link ThresholdRule#lowerPercentile}): the largest threshold that accepts at least
 * 1 − {@value #PERCENTILE} of the regime's meaning-preserving pairs (first-sense synonym swaps for the windowed
 * regimes, synonym-perturbed texts for the whole-text one). USE's thresholds in TextAttack let synonym substitutions
 * through; MiniLM cannot also reject antonym swaps at any threshold (Youden's J stays near 0), so the rule keeps only
 * the role it can play. Antonym pairs are scored and reported, not used. A 90% bootstrap interval
 * ({@value #BOOTSTRAP} rounds; test positions, or texts, resampled; the rule re-applied) shows how firmly the pairs
 * fix each threshold.
 *
 * <h2>Data</h2>
 * The sentences come from training data only, never from a split that is attacked (dev, AdvGLUE): the caller
 * passes them ({@code rose-bench calibrate-encoder} draws them from SST-2 train).
 */
public final class EncoderCalibration {

    /**
     * Perturbed texts for the whole-text regime, and the most contexts for the windowed ones (each test position
     * gives 1 + {@value #PRIOR_SETS}; all positions are used when that is fewer).
     */
    public static final int DEFAULT_PAIRS = 1200;
    public static final long DEFAULT_SEED = 765L;
    /** TextFooler's neighbour count and word-cosine bound. */
    public static final int NEIGHBOURS = 50;
    public static final double MIN_WORD_COS = 0.5;
    public static final int MAX_PRIOR_SWAPS = 3;
    /** Multi-word contexts per test position. */
    public static final int PRIOR_SETS = 2;
    /**
     * The one rule of every regime: the threshold accepts at least 1 − {@value} of the meaning-preserving (synonym)
     * pairs of the regime.
     */
    public static final double PERCENTILE = 0.05;
    public static final double MAX_PERCENT = BertAttackRecipe.MAX_PERCENT;
    public static final int BOOTSTRAP = 1000;
    private static final int EMBED_CHUNK = 256;

    /** The three recipes with a sentence-encoder constraint and how each threshold is chosen. */
    public enum Regime {
        TEXTFOOLER("textfooler", TextFoolerRecipe.USE_THRESHOLD_TEXTATTACK, TextFoolerRecipe.USE_THRESHOLD_DEFAULT,
                ThresholdRule.Kind.LOWER_PERCENTILE),
        BAE("bae", BaeRecipe.USE_THRESHOLD_TEXTATTACK, BaeRecipe.USE_THRESHOLD_DEFAULT,
                ThresholdRule.Kind.LOWER_PERCENTILE),
        BERT_ATTACK("bert-attack", BertAttackRecipe.USE_THRESHOLD_TEXTATTACK, BertAttackRecipe.USE_THRESHOLD_DEFAULT,
                ThresholdRule.Kind.LOWER_PERCENTILE);

        private final String recipe;
        private final double useThreshold;
        private final double recipeDefault;
        private final ThresholdRule.Kind rule;

        Regime(String recipe, double useThreshold, double recipeDefault, ThresholdRule.Kind rule) {
            this.recipe = recipe;
            this.useThreshold = useThreshold;
            this.recipeDefault = recipeDefault;
            this.rule = rule;
        }

        public String recipe() {
            return recipe;
        }

        /** TextAttack's threshold for the Universal Sentence Encoder. */
        public double useThreshold() {
            return useThreshold;
        }

        /** The recipe's current default threshold. */
        public double recipeDefault() {
            return recipeDefault;
        }

        public ThresholdRule.Kind rule() {
            return rule;
        }

        /** The recipe's own constraint with its default window, accepting everything (scores only). */
        public SentenceEncoderSimilarity constraint(SentenceEmbedder embedder) {
            double all = Double.NEGATIVE_INFINITY;
            return switch (this) {
                case TEXTFOOLER -> TextFoolerRecipe.sentenceEncoder(embedder, all, TextFoolerRecipe.USE_WINDOW_DEFAULT);
                case BAE -> BaeRecipe.sentenceEncoder(embedder, all, BaeRecipe.USE_WINDOW_DEFAULT);
                case BERT_ATTACK -> BertAttackRecipe.sentenceEncoder(embedder, all);
            };
        }
    }

    /**
     * A swappable word: its index, as written, its synonyms (at least one), the synonyms of its most frequent sense
     * among them and its antonyms (maybe none).
     */
    record Slot(int index, String word, List<String> synonyms, List<String> firstSense, List<String> antonyms) {
        boolean isTest() {
            return !firstSense.isEmpty() && !antonyms.isEmpty();
        }
    }

    record Sentence(int id, AttackedText text, List<Slot> slots) {
        List<Slot> withAntonyms() {
            List<Slot> out = new ArrayList<>();
            for (Slot s : slots) {
                if (!s.antonyms().isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    private final SentenceEmbedder embedder;
    private final PosTagger tagger;
    private final NeighbourIndex neighbours;
    private final WordEmbeddingSpace wordSpace;
    private final CalibrationLexicon lexicon;
    private final Set<String> stopwords;
    private final double minWordCos;

    /**
     * @param stopwords words never swapped (the recipes' stopword lists, united)
     */
    public EncoderCalibration(SentenceEmbedder embedder, PosTagger tagger, NeighbourIndex neighbours,
            WordEmbeddingSpace wordSpace, CalibrationLexicon lexicon, Set<String> stopwords) {
        this.embedder = embedder;
        this.tagger = tagger;
        this.neighbours = neighbours;
        this.wordSpace = wordSpace;
        this.lexicon = lexicon;
        this.stopwords = Set.copyOf(stopwords);
        this.minWordCos = wordSpace.calibratedMinCosSim().orElse(MIN_WORD_COS);
    }

    /** TextFooler's word-cosine bound in the space used: the space's calibrated one, else {@value #MIN_WORD_COS}. */
    public double minWordCos() {
        return minWordCos;
    }

    /** Settings recorded in the report. */
    /**
     * @param minWordCos the word-cosine bound used to pick synonym neighbours (the space's calibrated one)
     */
    public record Settings(String encoder, String source, long seed, int pairs, String command, double minWordCos) {

        public Settings(String encoder, String source, long seed, int pairs, String command) {
            this(encoder, source, seed, pairs, command, MIN_WORD_COS);
        }
    }

    /**
     * Builds the pairs from {@code sentences}, scores them in every regime and chooses the thresholds.
     *
     * @param pairs items per pair set (synonym pairs per windowed regime, perturbed texts for BERT-Attack)
     */
    public CalibrationReport run(List<String> sentences, Settings settings, Consumer<String> log) {
        long start = System.nanoTime();
        if (settings.pairs() < 10) {
            throw new IllegalArgumentException("need at least 10 pairs per set: " + settings.pairs());
        }
        log.accept("finding swappable words in " + sentences.size() + " sentences");
        List<Sentence> pool = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = analyse(i, sentences.get(i));
            if (!s.slots().isEmpty()) {
                pool.add(s);
            }
        }
        CachingEmbedder cache = new CachingEmbedder(embedder);
        int window = Math.max(TextFoolerRecipe.USE_WINDOW_DEFAULT, BaeRecipe.USE_WINDOW_DEFAULT);
        int shorter = 0;
        for (String s : sentences) {
            if (AttackedText.of(s).numWords() < window) {
                shorter++;
            }
        }
        Random rnd = new Random(settings.seed());
        List<WindowItem> windowItems = windowItems(pool, window, settings.pairs(), rnd);
        List<WholeItem> wholeItems = wholeItems(pool, sentences.size(), settings.pairs(), rnd);
        Set<String> uniqueTests = new LinkedHashSet<>();
        for (WindowItem w : windowItems) {
            uniqueTests.add(w.key());
        }
        log.accept(String.format(Locale.ROOT, "%d sentences with swappable words; %d test positions in %d windowed"
                + " contexts, %d whole-text items", pool.size(), uniqueTests.size(), windowItems.size(),
                wholeItems.size()));

        List<RegimeScores> scored = new ArrayList<>();
        for (Regime r : Regime.values()) {
            scored.add(r == Regime.BERT_ATTACK ? new WholeScores(r, r.constraint(cache), wholeItems, sentences, cache)
                    : new WindowScores(r, r.constraint(cache), windowItems));
        }
        // Pass 1 records every text the constraints embed; then all are embedded at once; pass 2 scores.
        for (RegimeScores s : scored) {
            s.score();
        }
        cache.fill(log);
        List<CalibrationReport.RegimeResult> results = new ArrayList<>();
        List<CalibrationReport.ScoreRow> rows = new ArrayList<>();
        for (RegimeScores s : scored) {
            s.score();
            results.add(s.result(new Random(settings.seed() + s.regime.ordinal() + 1)));
            s.rows(rows);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new CalibrationReport(settings, sentences.size(), shorter, window, pool.size(), uniqueTests.size(),
                cache.embedded(), cache.embedSeconds(), seconds, results, rows);
    }

    // ------------------------------------------------------------------ swappable words

    Sentence analyse(int id, String sentence) {
        AttackedText text = AttackedText.of(sentence);
        List<String> words = text.words();
        List<String> tags = words.isEmpty() ? List.of() : tagger.tag(words);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            char pos = posOf(tags.get(i));
            if (pos == 0 || stopwords.contains(word) || !isAlphabetic(word)) {
                continue;
            }
            String lemma = word.toLowerCase(Locale.ROOT);
            if (stopwords.contains(lemma)) {
                continue;
            }
            List<String> wordNetSynonyms = lexicon.synonyms(lemma, pos);
            if (wordNetSynonyms.isEmpty()) {
                continue;
            }
            List<String> firstSenseSynonyms = lexicon.firstSenseSynonyms(lemma, pos);
            List<String> synonyms = new ArrayList<>();
            List<String> firstSense = new ArrayList<>();
            for (String n : neighbours.neighbours(lemma, NEIGHBOURS)) {
                if (wordNetSynonyms.contains(n) && wordSpace.cosine(lemma, n).orElse(1.0) >= minWordCos) {
                    synonyms.add(n);
                    if (firstSenseSynonyms.contains(n)) {
                        firstSense.add(n);
                    }
                }
            }
            if (!synonyms.isEmpty()) {
                slots.add(new Slot(i, word, List.copyOf(synonyms), List.copyOf(firstSense),
                        List.copyOf(lexicon.antonyms(lemma, pos))));
            }
        }
        return new Sentence(id, text, slots);
    }

    static char posOf(String universalTag) {
        return switch (universalTag) {
            case "NOUN" -> 'n';
            case "VERB" -> 'v';
            case "ADJ" -> 'a';
            case "ADV" -> 'r';
            default -> 0;
        };
    }

    private static boolean isAlphabetic(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (!Character.isLetter(word.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ items

    /**
     * A test position in a context: the sentence after {@code priors.length} earlier synonym swaps. Every first-sense
     * synonym and every antonym of the test word is scored in it.
     */
    record WindowItem(Sentence sentence, Slot test, int[] priors, String[] priorWords) {
        int swaps() {
            return priors.length + 1;
        }

        String key() {
            return sentence.id() + ":" + test.index();
        }

        AttackedText current() {
            return priors.length == 0 ? sentence.text() : sentence.text().replaceWordsAt(priors, List.of(priorWords));
        }
    }

    /**
     * Every test position (a word with a first-sense synonym and an antonym, in a sentence of at least
     * {@code minWords} words) gives one single-word item and {@value #PRIOR_SETS} multi-word items; positions are
     * sampled when that makes more than {@code n} items.
     */
    static List<WindowItem> windowItems(List<Sentence> pool, int minWords, int n, Random rnd) {
        List<Slot> tests = new ArrayList<>();
        List<Sentence> owners = new ArrayList<>();
        for (Sentence s : pool) {
            if (s.text().numWords() < minWords) {
                continue;
            }
            for (Slot slot : s.slots()) {
                if (slot.isTest()) {
                    tests.add(slot);
                    owners.add(s);
                }
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalStateException("no position with both a synonym and an antonym in sentences of at least "
                    + minWords + " words");
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < tests.size(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, rnd);
        List<WindowItem> items = new ArrayList<>();
        int positions = Math.min(order.size(), Math.max(1, n / (1 + PRIOR_SETS)));
        for (int k : order.subList(0, positions)) {
            Sentence s = owners.get(k);
            Slot test = tests.get(k);
            items.add(new WindowItem(s, test, new int[0], new String[0]));
            List<Slot> others = new ArrayList<>();
            for (Slot o : s.slots()) {
                if (o.index() != test.index()) {
                    others.add(o);
                }
            }
            for (int set = 0; set < PRIOR_SETS && !others.isEmpty(); set++) {
                Collections.shuffle(others, rnd);
                List<Slot> chosen = new ArrayList<>(others.subList(0, Math.min(1 + rnd.nextInt(MAX_PRIOR_SWAPS),
                        others.size())));
                chosen.sort((a, b) -> Integer.compare(a.index(), b.index()));
                int[] idx = new int[chosen.size()];
                String[] words = new String[chosen.size()];
                for (int j = 0; j < idx.length; j++) {
                    idx[j] = chosen.get(j).index();
                    words[j] = swap(chosen.get(j), pick(chosen.get(j).synonyms(), rnd));
                }
                items.add(new WindowItem(s, test, idx, words));
            }
        }
        return items;
    }

    /** Synonym swaps at {@code idx} (and an antonym twin at {@code testPos}, when {@code >= 0}). */
    record WholeItem(Sentence sentence, int[] idx, String[] words, int testPos, String antonym, int other) {
        AttackedText synonymText() {
            return sentence.text().replaceWordsAt(idx, List.of(words));
        }

        AttackedText antonymText() {
            String[] w = words.clone();
            w[testPos] = antonym;
            return sentence.text().replaceWordsAt(idx, List.of(w));
        }

        double swappedShare() {
            return (double) idx.length / sentence.text().numWords();
        }
    }

    static List<WholeItem> wholeItems(List<Sentence> pool, int sentenceCount, int n, Random rnd) {
        List<WholeItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Sentence s = pool.get(rnd.nextInt(pool.size()));
            int cap = (int) Math.ceil(s.text().numWords() * MAX_PERCENT);
            int m = 1 + rnd.nextInt(Math.max(1, Math.min(cap, s.slots().size())));
            List<Slot> chosen = new ArrayList<>();
            List<Slot> withAntonyms = s.withAntonyms();
            Slot test = withAntonyms.isEmpty() ? null : pick(withAntonyms, rnd);
            if (test != null) {
                chosen.add(test);
            }
            List<Slot> others = new ArrayList<>(s.slots());
            others.remove(test);
            Collections.shuffle(others, rnd);
            for (Slot o : others) {
                if (chosen.size() >= m) {
                    break;
                }
                chosen.add(o);
            }
            chosen.sort((a, b) -> Integer.compare(a.index(), b.index()));
            int[] idx = new int[chosen.size()];
            String[] words = new String[chosen.size()];
            int testPos = -1;
            for (int j = 0; j < idx.length; j++) {
                Slot slot = chosen.get(j);
                idx[j] = slot.index();
                words[j] = swap(slot, pick(slot.synonyms(), rnd));
                if (slot == test) {
                    testPos = j;
                }
            }
            String antonym = test == null ? null : swap(test, pick(test.antonyms(), rnd));
            int other = rnd.nextInt(sentenceCount - 1);
            if (other >= s.id()) {
                other++;
            }
            items.add(new WholeItem(s, idx, words, testPos, antonym, other));
        }
        return items;
    }

    private static String swap(Slot slot, String replacement) {
        return WordCase.recover(replacement, slot.word());
    }

    private static <T> T pick(List<T> list, Random rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    // ------------------------------------------------------------------ scoring

    private abstract static class RegimeScores {
        final Regime regime;
        final SentenceEncoderSimilarity constraint;
        /** Bootstrap standard error of the maximum Youden's J (NaN when the rule does not use it). */
        double youdenSe = Double.NaN;

        RegimeScores(Regime regime, SentenceEncoderSimilarity constraint) {
            this.regime = regime;
            this.constraint = constraint;
        }

        abstract void score();

        abstract CalibrationReport.RegimeResult result(Random rnd);

        /** Every scored pair. */
        abstract void rows(List<CalibrationReport.ScoreRow> out);

        /** The constraint's similarity for one candidate against its reference. */
        double similarity(AttackedText candidate, AttackedText reference) {
            constraint.filter(List.of(candidate), reference);
            return candidate.similarityScore().orElseThrow();
        }

        CalibrationReport.RegimeResult result(double threshold, double[] ci, double[] positives, double[] negatives,
                List<CalibrationReport.SetStats> sets, List<CalibrationReport.Example> examples) {
            double use = regime.useThreshold();
            ThresholdRule.Choice best = ThresholdRule.maxYoudenJ(positives, negatives);
            return new CalibrationReport.RegimeResult(regime.recipe(), constraint.metric().name().toLowerCase(Locale.ROOT),
                    constraint.windowSize(), constraint.compareAgainstOriginal() ? "original" : "current",
                    constraint.skipsTextShorterThanWindow(), regime.rule(), use, threshold, ci[0], ci[1],
                    regime.recipeDefault(), best.threshold(), best.youdenJ(), youdenSe,
                    ThresholdRule.acceptance(positives, use) - ThresholdRule.acceptance(negatives, use),
                    ThresholdRule.acceptance(positives, threshold) - ThresholdRule.acceptance(negatives, threshold),
                    sets, curve(positives, negatives, threshold), examples);
        }

        /** USE's and the calibrated threshold plus those keeping 99% ... 20% of the positives, by threshold. */
        List<CalibrationReport.CurvePoint> curve(double[] positives, double[] negatives, double threshold) {
            java.util.TreeSet<Double> thresholds = new java.util.TreeSet<>();
            thresholds.add(threshold);
            thresholds.add(regime.useThreshold());
            for (double keep : new double[] {0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2}) {
                thresholds.add(ThresholdRule.lowerPercentile(positives, 1 - keep, negatives).threshold());
            }
            List<CalibrationReport.CurvePoint> out = new ArrayList<>();
            for (double t : thresholds) {
                out.add(new CalibrationReport.CurvePoint(t, ThresholdRule.acceptance(positives, t),
                        ThresholdRule.acceptance(negatives, t)));
            }
            return out;
        }

        CalibrationReport.SetStats stats(String name, String description, double[] scores, double threshold) {
            return new CalibrationReport.SetStats(name, description, scores.length,
                    ThresholdRule.acceptance(scores, regime.useThreshold()), ThresholdRule.acceptance(scores, threshold),
                    ThresholdRule.quantile(scores, 0.01), ThresholdRule.quantile(scores, 0.05),
                    ThresholdRule.quantile(scores, 0.25), ThresholdRule.quantile(scores, 0.5),
                    ThresholdRule.quantile(scores, 0.75));
        }
    }

    private static final class WindowScores extends RegimeScores {
        /** One scored swap: its item, whether it is a synonym, and the reference and candidate texts. */
        private record Pair(WindowItem item, boolean synonym, AttackedText reference, AttackedText candidate) {
        }

        private final List<Pair> pairs = new ArrayList<>();
        private double[] score;

        WindowScores(Regime regime, SentenceEncoderSimilarity constraint, List<WindowItem> items) {
            super(regime, constraint);
            for (WindowItem item : items) {
                AttackedText current = item.current();
                AttackedText reference = constraint.compareAgainstOriginal() ? item.sentence().text() : current;
                int i = item.test().index();
                for (String w : item.test().firstSense()) {
                    pairs.add(new Pair(item, true, reference, current.replaceWordAt(i, swap(item.test(), w))));
                }
                for (String w : item.test().antonyms()) {
                    pairs.add(new Pair(item, false, reference, current.replaceWordAt(i, swap(item.test(), w))));
                }
            }
        }

        @Override
        void score() {
            score = new double[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                score[i] = similarity(pairs.get(i).candidate(), pairs.get(i).reference());
            }
        }

        /** Scores of the synonym ({@code synonym}) or antonym pairs, optionally only single- or multi-word ones. */
        private double[] scores(boolean synonym, Boolean single) {
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                if (p.synonym() == synonym && (single == null || (p.item().swaps() == 1) == single)) {
                    out.add(score[i]);
                }
            }
            return toArray(out);
        }

        @Override
        CalibrationReport.RegimeResult result(Random rnd) {
            double[] synonym = scores(true, null);
            double[] antonym = scores(false, null);
            // Cluster bootstrap: test positions are resampled with all their pairs (synonyms and antonyms, single-
            // and multi-word), since the pairs of one position are not independent.
            Map<String, List<Integer>> clusters = new java.util.LinkedHashMap<>();
            for (int i = 0; i < pairs.size(); i++) {
                clusters.computeIfAbsent(pairs.get(i).item().key(), x -> new ArrayList<>()).add(i);
            }
            List<List<Integer>> groups = new ArrayList<>(clusters.values());
            double[][][] resamples = new double[BOOTSTRAP][][];
            for (int b = 0; b < BOOTSTRAP; b++) {
                List<Double> p = new ArrayList<>();
                List<Double> q = new ArrayList<>();
                for (int c = 0; c < groups.size(); c++) {
                    for (int k : groups.get(rnd.nextInt(groups.size()))) {
                        (pairs.get(k).synonym() ? p : q).add(score[k]);
                    }
                }
                resamples[b] = new double[][] {toArray(p), toArray(q)};
            }
            // The one rule: the lower PERCENTILE of the synonym pairs, re-applied in every bootstrap round.
            double t = ThresholdRule.lowerPercentile(synonym, PERCENTILE, antonym).threshold();
            double[] boot = new double[BOOTSTRAP];
            for (int b = 0; b < BOOTSTRAP; b++) {
                boot[b] = resamples[b][0].length == 0 ? t
                        : ThresholdRule.lowerPercentile(resamples[b][0], PERCENTILE, new double[0]).threshold();
            }
            List<CalibrationReport.SetStats> sets = new ArrayList<>();
            sets.add(stats("synonym", "synonyms of the word's most frequent WordNet sense that are counter-fitted"
                    + " neighbours (meaning kept)", synonym, t));
            sets.add(stats("antonym", "WordNet antonyms at the same positions (meaning changed)", antonym, t));
            for (boolean single : new boolean[] {true, false}) {
                String tag = single ? "single-word" : "multi-word";
                String what = single ? "the test swap only" : "after 1-" + MAX_PRIOR_SWAPS + " earlier synonym swaps";
                sets.add(stats("synonym, " + tag, what, scores(true, single), t));
                sets.add(stats("antonym, " + tag, what, scores(false, single), t));
            }
            List<CalibrationReport.Example> examples = new ArrayList<>();
            for (int i = 0; i < pairs.size() && examples.size() < 8; i++) {
                Pair p = pairs.get(i);
                int index = p.item().test().index();
                int w = constraint.windowSize();
                examples.add(new CalibrationReport.Example(p.reference().textWindowAroundIndex(index, w),
                        p.candidate().textWindowAroundIndex(index, w), p.synonym() ? "synonym" : "antonym", score[i]));
            }
            return result(t, interval(boot), synonym, antonym, sets, examples);
        }

        @Override
        void rows(List<CalibrationReport.ScoreRow> out) {
            int w = constraint.windowSize();
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                int index = p.item().test().index();
                out.add(new CalibrationReport.ScoreRow(regime.recipe(), p.synonym() ? "synonym" : "antonym",
                        p.item().key(), p.item().swaps(), score[i], p.reference().textWindowAroundIndex(index, w),
                        p.candidate().textWindowAroundIndex(index, w)));
            }
        }

        int size(boolean synonym) {
            int n = 0;
            for (Pair p : pairs) {
                n += p.synonym() == synonym ? 1 : 0;
            }
            return n;
        }
    }

    private static final class WholeScores extends RegimeScores {
        private final List<WholeItem> items;
        private final List<String> sentences;
        private final List<AttackedText[]> texts = new ArrayList<>(); // original, synonym text, antonym text or null
        private double[] synonym;
        private double[] antonym;
        private double[] unrelated;
        private final SentenceEmbedder embedder;

        WholeScores(Regime regime, SentenceEncoderSimilarity constraint, List<WholeItem> items, List<String> sentences,
                SentenceEmbedder embedder) {
            super(regime, constraint);
            this.items = items;
            this.sentences = sentences;
            this.embedder = embedder;
            for (WholeItem item : items) {
                texts.add(new AttackedText[] {item.sentence().text(), item.synonymText(),
                    item.testPos() >= 0 ? item.antonymText() : null});
            }
        }

        @Override
        void score() {
            synonym = new double[items.size()];
            List<Double> ant = new ArrayList<>();
            unrelated = new double[items.size()];
            for (int i = 0; i < items.size(); i++) {
                AttackedText[] t = texts.get(i);
                synonym[i] = similarity(t[1], t[0]);
                if (t[2] != null) {
                    ant.add(similarity(t[2], t[0]));
                }
                // Another sentence: the same text span (whole text) and metric, through the same embedder.
                AttackedText other = AttackedText.of(sentences.get(items.get(i).other()));
                List<String> pair = List.of(t[0].textWindowAroundIndex(0, constraint.windowSize()),
                        other.textWindowAroundIndex(0, constraint.windowSize()));
                float[][] v = embedder.embed(pair);
                unrelated[i] = constraint.similarity(v[0], v[1]);
            }
            antonym = toArray(ant);
        }

        @Override
        void rows(List<CalibrationReport.ScoreRow> out) {
            int a = 0;
            for (int i = 0; i < items.size(); i++) {
                WholeItem item = items.get(i);
                AttackedText[] x = texts.get(i);
                String key = String.valueOf(item.sentence().id());
                out.add(new CalibrationReport.ScoreRow(regime.recipe(), "synonym-perturbed", key, item.idx().length,
                        synonym[i], x[0].text(), x[1].text()));
                if (x[2] != null) {
                    out.add(new CalibrationReport.ScoreRow(regime.recipe(), "antonym-perturbed", key, item.idx().length,
                            antonym[a++], x[0].text(), x[2].text()));
                }
                out.add(new CalibrationReport.ScoreRow(regime.recipe(), "unrelated", key, 0, unrelated[i], x[0].text(),
                        sentences.get(item.other())));
            }
        }

        @Override
        CalibrationReport.RegimeResult result(Random rnd) {
            double t = ThresholdRule.lowerPercentile(synonym, PERCENTILE, antonym).threshold();
            double[] boot = new double[BOOTSTRAP];
            double[] p = new double[synonym.length];
            for (int b = 0; b < BOOTSTRAP; b++) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = synonym[rnd.nextInt(p.length)];
                }
                boot[b] = ThresholdRule.lowerPercentile(p, PERCENTILE, new double[0]).threshold();
            }
            double share = 0;
            int heavy = 0;
            for (WholeItem item : items) {
                share += item.swappedShare();
                heavy += item.swappedShare() >= 0.3 ? 1 : 0;
            }
            share /= items.size();
            List<CalibrationReport.SetStats> sets = new ArrayList<>();
            sets.add(stats("synonym-perturbed", String.format(Locale.ROOT,
                    "1 word to 40%% of the words swapped for synonyms (mean %.0f%% swapped, %.0f%% of the texts >= 30%%)",
                    100 * share, 100.0 * heavy / items.size()), synonym, t));
            sets.add(stats("antonym-perturbed", "the same, one of the swaps an antonym (sentences with one)", antonym,
                    t));
            sets.add(stats("unrelated", "another random dev sentence (context only)", unrelated, t));
            List<CalibrationReport.Example> examples = new ArrayList<>();
            for (int i = 0; i < Math.min(4, items.size()); i++) {
                AttackedText[] x = texts.get(i);
                examples.add(new CalibrationReport.Example(x[0].text(), x[1].text(), "synonym-perturbed", synonym[i]));
            }
            return result(t, interval(boot), synonym, antonym, sets, examples);
        }
    }

    private static double standardDeviation(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] interval(double[] boot) {
        return new double[] {ThresholdRule.quantile(boot, 0.05), ThresholdRule.quantile(boot, 0.95)};
    }

    // ------------------------------------------------------------------ embedding

    /**
     * Records the texts the constraints ask for (answering with zero vectors), embeds them all at once in
     * length-sorted batches, then answers from the cache.
     */
    static final class CachingEmbedder implements SentenceEmbedder {
        private final SentenceEmbedder delegate;
        private final Map<String, float[]> cache = new HashMap<>();
        private final Set<String> requested = new LinkedHashSet<>();
        private boolean recording = true;
        private double embedSeconds;

        CachingEmbedder(SentenceEmbedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public float[][] embed(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                if (recording) {
                    requested.add(texts.get(i));
                    out[i] = new float[1];
                } else {
                    out[i] = cache.get(texts.get(i));
                    if (out[i] == null) {
                        throw new IllegalStateException("text was not embedded in the first pass: " + texts.get(i));
                    }
                }
            }
            return out;
        }

        void fill(Consumer<String> log) {
            List<String> todo = new ArrayList<>(requested);
            todo.sort((a, b) -> Integer.compare(a.length(), b.length()));
            long t0 = System.nanoTime();
            for (int start = 0; start < todo.size(); start += EMBED_CHUNK) {
                List<String> chunk = todo.subList(start, Math.min(todo.size(), start + EMBED_CHUNK));
                float[][] v = delegate.embed(chunk);
                for (int k = 0; k < chunk.size(); k++) {
                    cache.put(chunk.get(k), v[k]);
                }
                log.accept(String.format(Locale.ROOT, "embedded %d / %d texts (%.0f s)", Math.min(todo.size(),
                        start + EMBED_CHUNK), todo.size(), (System.nanoTime() - t0) / 1e9));
            }
            embedSeconds = (System.nanoTime() - t0) / 1e9;
            recording = false;
        }

        int embedded() {
            return cache.size();
        }

        double embedSeconds() {
            return embedSeconds;
        }
    }
}
