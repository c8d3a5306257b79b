package org.rosebench.attacks.lexicon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rosebench.core.util.Progress;

/**
 * Counter-fitting (Mrkšić et al. 2016, "Counter-fitting Word Vectors to Linguistic Constraints", NAACL): moves
 * unit word vectors so that antonyms repel, synonyms attract, and each word keeps its original close neighbourhood.
 *
 * <h2>Objective</h2>
 * With cosine distance {@code d(u, w) = 1 − cos(u, w)} and {@code τ(x) = max(0, x)}, over the initial unit vectors
 * V and the fitted V':
 * <pre>
 *   C(V') = k1 · Σ_{(u,w) ∈ A} τ(δ − d(v'u, v'w))            antonym repel (AR)
 *         + k2 · Σ_{(u,w) ∈ S} τ(d(v'u, v'w) − γ)            synonym attract (SA)
 *         + k3 · Σ_{(i,j) ∈ N} τ(d(v'i, v'j) − d(vi, vj))    vector-space preservation (VSP)
 * </pre>
 * where N holds the pairs of words closer than ρ in the original space ({@code d(vi, vj) < ρ}). Every pair is
 * unordered and counted once. {@link #loss} and {@link #gradient} give C and its exact gradient (used by the
 * finite-difference test).
 *
 * <h2>Optimisation</h2>
 * The paper's published procedure (the authors' {@code counterfitting.py}): {@link Params#epochs()} full passes; in
 * each, every active term contributes its gradient to both of its words; each word then moves by
 * {@code −lr · g_i / c_i}, where {@code c_i} is the number of active terms touching it (the reference code's "scaling
 * the update term for each word helps with convergence speed"), and all vectors are re-normalised. As in the
 * reference code, pairs that are both synonyms and antonyms are dropped from the synonyms, and antonym pairs are
 * dropped from N. Gradients are accumulated over two fixed halves of the pair lists (one thread each when two
 * cores are available) and summed in order, so the result does not depend on the machine.
 *
 * <h2>Hyper-parameters</h2>
 * {@link Params#MRKSIC_2016}: δ = 1.0, γ = 0.0, ρ = 0.2, k1 = k2 = k3 = 0.1, 20 epochs, learning rate 1 — the values
 * of the paper's configuration file ({@code experiment_parameters.cfg}) and of its twenty SGD steps.
 */
public final class CounterFitting {

    /** Gradient accumulation is split into this many fixed chunks (summed in order), whatever the thread count. */
    static final int GRADIENT_PARTS = 2;

    /** Bump when the procedure changes, to invalidate cached spaces. */
    public static final String ALGORITHM_VERSION = "counter-fitting/v1";

    private CounterFitting() {}

    /**
     * @param delta        AR margin δ: antonyms are pushed until their cosine distance reaches δ
     * @param gamma        SA margin γ: synonyms are pulled until their cosine distance is at most γ
     * @param rho          VSP radius ρ: pairs with original cosine distance below ρ are preserved
     * @param k1           AR weight
     * @param k2           SA weight
     * @param k3           VSP weight
     * @param epochs       full passes
     * @param learningRate step size on the count-normalised gradient
     */
    public record Params(double delta, double gamma, double rho, double k1, double k2, double k3, int epochs,
            double learningRate) {

        /** The paper's hyper-parameters (see the class comment). */
        public static final Params MRKSIC_2016 = new Params(1.0, 0.0, 0.2, 0.1, 0.1, 0.1, 20, 1.0);

        public Params withEpochs(int e) {
            return new Params(delta, gamma, rho, k1, k2, k3, e, learningRate);
        }

        /** A stable text form for cache keys. */
        public String key() {
            return String.format(Locale.ROOT, "delta=%s,gamma=%s,rho=%s,k1=%s,k2=%s,k3=%s,epochs=%d,lr=%s", delta,
                    gamma, rho, k1, k2, k3, epochs, learningRate);
        }
    }

    /** The optimisation problem: unit initial vectors and the three pair sets as row indices. */
    public static final class Problem {
        final int n;
        final int d;
        final float[] initial;
        final int[] synA, synB, antA, antB, vspA, vspB;
        final float[] vspDistance;
        final List<String> words;

        Problem(List<String> words, int d, float[] initial, int[][] syn, int[][] ant, int[] vspA, int[] vspB,
                float[] vspDistance) {
            this.words = words;
            this.n = words.size();
            this.d = d;
            this.initial = initial;
            this.synA = syn[0];
            this.synB = syn[1];
            this.antA = ant[0];
            this.antB = ant[1];
            this.vspA = vspA;
            this.vspB = vspB;
            this.vspDistance = vspDistance;
        }

        public int synonymPairs() {
            return synA.length;
        }

        public int antonymPairs() {
            return antA.length;
        }

        public int vspPairs() {
            return vspA.length;
        }

        /** A copy of the unit-normalised initial vectors (n × d). */
        public float[] initial() {
            return initial.clone();
        }

        public int size() {
            return n;
        }

        public int dim() {
            return d;
        }
    }

    /**
     * Sets up the problem: normalises {@code vectors}, maps the pairs to rows (pairs with a word outside the
     * vocabulary are skipped), drops synonym pairs that are also antonyms, and finds the VSP pairs (original cosine
     * distance below ρ, antonyms excluded) with blocked dot products.
     */
    public static Problem problem(WordVectors vectors, Collection<WordPair> synonyms, Collection<WordPair> antonyms,
            Params p) {
        int n = vectors.size();
        int d = vectors.dim();
        float[] unit = VectorMath.normalisedCopy(vectors.data(), n, d);
        Set<Long> antonymKeys = new HashSet<>();
        int[][] ant = toRows(vectors, antonyms, null, antonymKeys);
        int[][] syn = toRows(vectors, synonyms, antonymKeys, null);
        VectorMath.Pairs close = VectorMath.pairsAbove(unit, n, d, (float) (1.0 - p.rho()), VectorMath.threads(),
                "VSP pairs (rho=" + p.rho() + ")");
        int m = 0;
        int[] va = new int[close.size()];
        int[] vb = new int[close.size()];
        float[] vd = new float[close.size()];
        for (int t = 0; t < close.size(); t++) {
            int i = close.a()[t], j = close.b()[t];
            if (antonymKeys.contains(key(i, j))) {
                continue;
            }
            va[m] = i;
            vb[m] = j;
            vd[m] = 1f - close.value()[t];
            m++;
        }
        return new Problem(vectors.words(), d, unit, syn, ant, java.util.Arrays.copyOf(va, m),
                java.util.Arrays.copyOf(vb, m), java.util.Arrays.copyOf(vd, m));
    }

    private static long key(int i, int j) {
        int a = Math.min(i, j), b = Math.max(i, j);
        return ((long) a << 32) | b;
    }

    private static int[][] toRows(WordVectors v, Collection<WordPair> pairs, Set<Long> exclude, Set<Long> collect) {
        List<int[]> rows = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (WordPair pair : pairs) {
            int i = v.indexOf(pair.a());
            int j = v.indexOf(pair.b());
            if (i < 0 || j < 0 || i == j) {
                continue;
            }
            long k = key(i, j);
            if ((exclude != null && exclude.contains(k)) || !seen.add(k)) {
                continue;
            }
            if (collect != null) {
                collect.add(k);
            }
            rows.add(new int[] {i, j});
        }
        int[] a = new int[rows.size()];
        int[] b = new int[rows.size()];
        for (int t = 0; t < rows.size(); t++) {
            a[t] = rows.get(t)[0];
            b[t] = rows.get(t)[1];
        }
        return new int[][] {a, b};
    }

    // ---------------------------------------------------------------- objective

    private static final int AR = 0, SA = 1, VSP = 2;

    /** C(V') for vectors {@code v} (n × d, any lengths; distances are cosine distances). */
    public static double loss(Problem pr, float[] v, Params p) {
        double[] stats = new double[6];
        accumulate(pr, v, p, null, null, stats, 0, 1);
        return stats[0] + stats[1] + stats[2];
    }

    /** The exact gradient of {@link #loss} with respect to {@code v} (hinges: zero at and below the kink). */
    public static float[] gradient(Problem pr, float[] v, Params p) {
        float[] g = new float[v.length];
        accumulate(pr, v, p, g, null, new double[6], 0, 1);
        return g;
    }

    /**
     * Adds the terms of chunk {@code part} of {@code parts} to {@code g} (may be null), {@code count} (per-row active
     * terms, may be null) and {@code stats} ({AR, SA, VSP loss, AR, SA, VSP active terms}).
     */
    private static void accumulate(Problem pr, float[] v, Params p, float[] g, int[] count, double[] stats, int part,
            int parts) {
        terms(pr.antA, pr.antB, null, AR, pr.d, v, p, g, count, stats, part, parts);
        terms(pr.synA, pr.synB, null, SA, pr.d, v, p, g, count, stats, part, parts);
        terms(pr.vspA, pr.vspB, pr.vspDistance, VSP, pr.d, v, p, g, count, stats, part, parts);
    }

    private static void terms(int[] as, int[] bs, float[] original, int kind, int d, float[] v, Params p, float[] g,
            int[] count, double[] stats, int part, int parts) {
        int len = as.length;
        int from = (int) ((long) len * part / parts);
        int to = (int) ((long) len * (part + 1) / parts);
        double weight = kind == AR ? p.k1() : kind == SA ? p.k2() : p.k3();
        if (weight == 0) {
            return;
        }
        for (int t = from; t < to; t++) {
            int i = as[t], j = bs[t];
            int oi = i * d, oj = j * d;
            double dot = 0, ni = 0, nj = 0;
            for (int k = 0; k < d; k++) {
                double x = v[oi + k], y = v[oj + k];
                dot += x * y;
                ni += x * x;
                nj += y * y;
            }
            if (ni == 0 || nj == 0) {
                continue;
            }
            double norms = Math.sqrt(ni * nj);
            double cos = dot / norms;
            double dist = 1 - cos;
            double x;
            double dLossDCos;
            switch (kind) {
                case AR -> {
                    x = p.delta() - dist;
                    dLossDCos = weight;
                }
                case SA -> {
                    x = dist - p.gamma();
                    dLossDCos = -weight;
                }
                default -> {
                    x = dist - original[t];
                    dLossDCos = -weight;
                }
            }
            if (x <= 0) {
                continue;
            }
            stats[kind] += weight * x;
            stats[3 + kind] += 1;
            if (count != null) {
                count[i]++;
                count[j]++;
            }
            if (g != null) {
                // d cos / d u = w / (|u||w|) − cos · u / |u|²
                double cu = dLossDCos / norms, su = dLossDCos * cos / ni, sw = dLossDCos * cos / nj;
                for (int k = 0; k < d; k++) {
                    float x1 = v[oi + k], y1 = v[oj + k];
                    g[oi + k] += (float) (cu * y1 - su * x1);
                    g[oj + k] += (float) (cu * x1 - sw * y1);
                }
            }
        }
    }

    // ---------------------------------------------------------------- optimisation

    /** Loss and active terms at the start of one epoch (the last entry: after the final epoch). */
    public record EpochStats(int epoch, double loss, double arLoss, double saLoss, double vspLoss, long arActive,
            long saActive, long vspActive) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "epoch %d: loss %.2f (AR %.2f over %,d, SA %.2f over %,d, VSP %.2f over %,d)", epoch, loss, arLoss,
                    arActive, saLoss, saActive, vspLoss, vspActive);
        }
    }

    /** Fitted unit vectors (n × d) and the loss history. */
    public record Result(float[] vectors, List<EpochStats> history) {}

    /** Runs the optimisation from the problem's initial vectors with all available cores. */
    public static Result fit(Problem pr, Params p) {
        return fit(pr, p, VectorMath.threads());
    }

    public static Result fit(Problem pr, Params p, int threads) {
        int n = pr.n, d = pr.d;
        float[] v = pr.initial.clone();
        int parts = GRADIENT_PARTS; // fixed, so that results do not depend on the number of cores
        int workers = Math.max(1, Math.min(threads, parts));
        float[][] grads = new float[parts][n * d];
        int[][] counts = new int[parts][n];
        double[][] stats = new double[parts][6];
        List<EpochStats> history = new ArrayList<>();
        try (Progress bar = Progress.start("counter-fitting", p.epochs(), "epochs")) {
            for (int epoch = 0; epoch <= p.epochs(); epoch++) {
                boolean last = epoch == p.epochs();
                float[] cur = v;
                VectorMath.parallel(parts, workers, () -> null, (b, ignored) -> {
                    java.util.Arrays.fill(grads[b], 0f);
                    java.util.Arrays.fill(counts[b], 0);
                    java.util.Arrays.fill(stats[b], 0);
                    accumulate(pr, cur, p, last ? null : grads[b], counts[b], stats[b], b, parts);
                });
                double[] s = new double[6];
                for (double[] st : stats) {
                    for (int q = 0; q < 6; q++) {
                        s[q] += st[q];
                    }
                }
                EpochStats es = new EpochStats(epoch, s[0] + s[1] + s[2], s[0], s[1], s[2], (long) s[3],
                        (long) s[4], (long) s[5]);
                history.add(es);
                if (last) {
                    break;
                }
                float lr = (float) p.learningRate();
                VectorMath.parallelRange(n, workers, i -> {
                    int c = 0;
                    for (int b = 0; b < parts; b++) {
                        c += counts[b][i];
                    }
                    if (c == 0) {
                        return;
                    }
                    int o = i * d;
                    double norm = 0;
                    for (int k = 0; k < d; k++) {
                        float g = 0;
                        for (int b = 0; b < parts; b++) {
                            g += grads[b][o + k];
                        }
                        float x = cur[o + k] - lr * g / c;
                        cur[o + k] = x;
                        norm += (double) x * x;
                    }
                    if (norm > 0) {
                        float inv = (float) (1.0 / Math.sqrt(norm));
                        for (int k = 0; k < d; k++) {
                            cur[o + k] *= inv;
                        }
                    }
                });
                bar.stepBy(1, String.format(Locale.ROOT, "loss %.1f", es.loss()));
            }
        }
        return new Result(v, history);
    }

    /** Convenience: set up and fit, returning the counter-fitted unit vectors as a table with the same words. */
    public static WordVectors fit(WordVectors vectors, Collection<WordPair> synonyms, Collection<WordPair> antonyms,
            Params p) {
        Problem pr = problem(vectors, synonyms, antonyms, p);
        return new WordVectors(vectors.words(), fit(pr, p).vectors(), vectors.dim());
    }
}
