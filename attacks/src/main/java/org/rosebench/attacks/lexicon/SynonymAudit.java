package org.rosebench.attacks.lexicon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.rosebench.attacks.lexicon.WordRelations.Relation;

/**
 * How good a word-embedding space is as a synonym source for the word-swap attacks (TextFooler's
 * {@code WordSwapEmbedding} + {@code WordEmbeddingDistance}): for each audited word, its top-{@code k} neighbours
 * with cosine ≥ {@code minCos} (the <b>accepted</b> neighbours: the candidates the attack tries) are classified by a
 * {@link WordRelations} source.
 * <ul>
 *   <li><b>antonym share</b>: accepted neighbours in an antonym relation (whatever else they also are), over all
 *       accepted neighbours;</li>
 *   <li><b>synonym recall@k</b>: per word with at least one synonym in the space's vocabulary, the share of those
 *       synonyms among its accepted neighbours, averaged over such words (macro; the pooled share is given too);</li>
 *   <li><b>no-relation share</b>: accepted neighbours with no relation at all, over all accepted neighbours.</li>
 * </ul>
 * {@link #scan} classifies the top-k once; {@link Scan#at} then gives the measures for any {@code minCos}.
 */
public final class SynonymAudit {

    /**
     * The rule that sets a space's word-cosine bound: keep this share of the top-k neighbours that are WordNet
     * synonyms of their word (the same 95% rule as the sentence-encoder thresholds of the encoder calibration).
     */
    public static final double SYNONYM_KEEP = 0.95;

    private SynonymAudit() {}

    /** One neighbour, for examples. */
    public record Example(String word, String neighbour, float cosine) {
        @Override
        public String toString() {
            return word + " -> " + neighbour + String.format(java.util.Locale.ROOT, " (%.2f)", cosine);
        }
    }

    /**
     * The measures at one {@code minCos}.
     *
     * @param candidates     top-k neighbours of the audited words (before the cosine bound)
     * @param accepted       those with cosine ≥ minCos
     * @param antonyms       accepted neighbours with an antonym relation
     * @param noRelation     accepted neighbours with no relation
     * @param byRelation     accepted neighbours by their first relation ({@link Relation} order)
     * @param recallWords    audited words with at least one synonym in the vocabulary
     * @param recallMacro    mean over those words of the share of their synonyms accepted
     * @param synonyms       their synonyms in the vocabulary, pooled
     * @param synonymsFound  of which accepted
     */
    public record Measures(double minCos, long candidates, long accepted, long antonyms, long noRelation,
            Map<Relation, Long> byRelation, int recallWords, double recallMacro, long synonyms, long synonymsFound) {

        public double keptShare() {
            return candidates == 0 ? Double.NaN : (double) accepted / candidates;
        }

        public double antonymShare() {
            return accepted == 0 ? Double.NaN : (double) antonyms / accepted;
        }

        public double noRelationShare() {
            return accepted == 0 ? Double.NaN : (double) noRelation / accepted;
        }

        public double recallPooled() {
            return synonyms == 0 ? Double.NaN : (double) synonymsFound / synonyms;
        }
    }

    /** The classified top-k neighbours of the audited words. */
    public static final class Scan {
        private final int k;
        private final int words;
        private final int[] owner;
        private final float[] cos;
        private final int[] mask;
        private final boolean[] recallHit;
        private final int[] synonymCount;
        private final String[] wordText;
        private final String[] neighbourText;

        private Scan(int k, int words, int[] owner, float[] cos, int[] mask, boolean[] recallHit, int[] synonymCount,
                String[] wordText, String[] neighbourText) {
            this.k = k;
            this.words = words;
            this.owner = owner;
            this.cos = cos;
            this.mask = mask;
            this.recallHit = recallHit;
            this.synonymCount = synonymCount;
            this.wordText = wordText;
            this.neighbourText = neighbourText;
        }

        public int k() {
            return k;
        }

        /** Audited words (in the space's vocabulary). */
        public int words() {
            return words;
        }

        public Measures at(double minCos) {
            long accepted = 0, antonyms = 0, none = 0;
            long[] by = new long[Relation.values().length];
            int[] found = new int[words];
            for (int c = 0; c < cos.length; c++) {
                if (cos[c] < minCos) {
                    continue;
                }
                accepted++;
                int m = mask[c];
                if ((m & Relation.ANTONYM.bit()) != 0) {
                    antonyms++;
                }
                Relation first = Relation.first(m);
                if (first == null) {
                    none++;
                } else {
                    by[first.ordinal()]++;
                }
                if (recallHit[c]) {
                    found[owner[c]]++;
                }
            }
            int recallWords = 0;
            double macro = 0;
            long total = 0, hits = 0;
            for (int w = 0; w < words; w++) {
                if (synonymCount[w] > 0) {
                    recallWords++;
                    macro += (double) found[w] / synonymCount[w];
                    total += synonymCount[w];
                    hits += found[w];
                }
            }
            Map<Relation, Long> byRelation = new EnumMap<>(Relation.class);
            for (Relation r : Relation.values()) {
                byRelation.put(r, by[r.ordinal()]);
            }
            return new Measures(minCos, cos.length, accepted, antonyms, none, byRelation, recallWords,
                    recallWords == 0 ? Double.NaN : macro / recallWords, total, hits);
        }

        /**
         * The smallest threshold (a neighbour cosine, or −1 for all) at which at most {@code share} of the accepted
         * neighbours are antonyms.
         */
        public double thresholdForAntonymShare(double share) {
            int[] order = order();
            long accepted = 0, antonyms = 0;
            double best = Double.POSITIVE_INFINITY;
            // walk from the highest cosine down; the last prefix meeting the bound at a cosine boundary wins
            for (int i = 0; i < order.length; i++) {
                int c = order[i];
                accepted++;
                antonyms += (mask[c] & Relation.ANTONYM.bit()) != 0 ? 1 : 0;
                boolean boundary = i + 1 == order.length || cos[order[i + 1]] < cos[c];
                if (boundary && antonyms <= share * accepted) {
                    best = cos[c];
                }
            }
            return best;
        }

        /**
         * The largest threshold that keeps at least a share {@code keep} of the top-k neighbours that are synonyms of
         * their word ({@link WordRelations#synonyms}): the {@code 1 − keep} quantile of their cosines (lower end).
         */
        public double thresholdKeepingSynonyms(double keep) {
            return thresholdKeepingSynonyms(keep, null);
        }

        /**
         * As {@link #thresholdKeepingSynonyms(double)}, over the neighbours of the audited words in {@code words}
         * only (all when null): e.g. the words of training splits, to fit a bound without the attacked splits.
         */
        public double thresholdKeepingSynonyms(double keep, Set<String> words) {
            boolean[] use = new boolean[this.words];
            for (int w = 0; w < use.length; w++) {
                use[w] = words == null || words.contains(wordText[w]);
            }
            int n = 0;
            for (int i = 0; i < cos.length; i++) {
                n += recallHit[i] && use[owner[i]] ? 1 : 0;
            }
            if (n == 0) {
                return Double.NaN;
            }
            float[] c = new float[n];
            int j = 0;
            for (int i = 0; i < cos.length; i++) {
                if (recallHit[i] && use[owner[i]]) {
                    c[j++] = cos[i];
                }
            }
            Arrays.sort(c); // ascending: rejecting the floor((1 - keep) n) lowest keeps at least keep of them
            int idx = (int) Math.floor((1 - keep) * n + 1e-9);
            return c[Math.min(idx, n - 1)];
        }

        /** Neighbours that are synonyms of their word ({@link WordRelations#synonyms}), before any cosine bound. */
        public long synonymNeighbours() {
            long n = 0;
            for (boolean h : recallHit) {
                n += h ? 1 : 0;
            }
            return n;
        }

        /** Quantile {@code q} of the cosine of each audited word's last (k-th) neighbour. */
        public double lastNeighbourQuantile(double q) {
            List<Float> last = new ArrayList<>();
            for (int c = 0; c < cos.length; c++) {
                if (c + 1 == cos.length || owner[c + 1] != owner[c]) {
                    last.add(cos[c]);
                }
            }
            float[] v = new float[last.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = last.get(i);
            }
            Arrays.sort(v);
            if (v.length == 0) {
                return Double.NaN;
            }
            double pos = q * (v.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(v.length - 1, lo + 1);
            return v[lo] + (pos - lo) * (v[hi] - v[lo]);
        }

        /** Up to {@code n} accepted neighbours having {@code relation} (null: no relation), highest cosine first. */
        public List<Example> examples(Relation relation, double minCos, int n) {
            List<Example> out = new ArrayList<>();
            for (int c : order()) {
                if (out.size() >= n || cos[c] < minCos) {
                    break;
                }
                boolean match = relation == null ? mask[c] == 0 : (mask[c] & relation.bit()) != 0;
                if (match) {
                    out.add(new Example(wordText[owner[c]], neighbourText[c], cos[c]));
                }
            }
            return out;
        }

        /** Candidates by cosine, highest first (ties: scan order). */
        private int[] order() {
            Integer[] idx = new Integer[cos.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Float.compare(cos[b], cos[a]));
            return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Classifies the top-{@code k} neighbours of every word of {@code words} that is in the space (lower-cased,
     * duplicates dropped, in the given order).
     */
    public static Scan scan(NearestNeighbours space, Collection<String> words, int k, WordRelations relations,
            Consumer<String> log) {
        Set<String> audited = new LinkedHashSet<>();
        for (String w : words) {
            String lower = w.toLowerCase(java.util.Locale.ROOT);
            if (space.contains(lower)) {
                audited.add(lower);
            }
        }
        int kk = Math.min(k, space.k());
        List<Integer> owner = new ArrayList<>();
        List<Float> cos = new ArrayList<>();
        List<Integer> mask = new ArrayList<>();
        List<Boolean> hit = new ArrayList<>();
        List<String> neighbour = new ArrayList<>();
        String[] wordText = audited.toArray(new String[0]);
        int[] synonymCount = new int[wordText.length];
        long t0 = System.nanoTime();
        for (int w = 0; w < wordText.length; w++) {
            String word = wordText[w];
            Set<String> synonyms = new LinkedHashSet<>();
            for (String s : relations.synonyms(word)) {
                if (!s.equals(word) && space.contains(s)) {
                    synonyms.add(s);
                }
            }
            synonymCount[w] = synonyms.size();
            for (NearestNeighbours.Neighbour n : space.neighboursWithCosine(word, kk)) {
                owner.add(w);
                cos.add(n.cosine());
                mask.add(relations.relations(word, n.word()));
                hit.add(synonyms.contains(n.word()));
                neighbour.add(n.word());
            }
            if (log != null && (w + 1) % 5000 == 0) {
                log.accept(String.format(java.util.Locale.ROOT, "classified the neighbours of %,d / %,d words (%.0f s)",
                        w + 1, wordText.length, (System.nanoTime() - t0) / 1e9));
            }
        }
        int n = owner.size();
        int[] o = new int[n];
        float[] c = new float[n];
        int[] m = new int[n];
        boolean[] h = new boolean[n];
        for (int i = 0; i < n; i++) {
            o[i] = owner.get(i);
            c[i] = cos.get(i);
            m[i] = mask.get(i);
            h[i] = hit.get(i);
        }
        return new Scan(kk, wordText.length, o, c, m, h, synonymCount, wordText, neighbour.toArray(new String[0]));
    }
}
