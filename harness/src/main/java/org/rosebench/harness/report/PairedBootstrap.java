package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Two-way (seeds × examples) paired bootstrap of Δ = method − baseline accuracy in points.
 *
 * <p>One resample draws the seeds with replacement and, independently, n examples with replacement from the n
 * examples both sides evaluated. Paired seeds are drawn as pairs (seed s of the method together with seed s of the
 * baseline); unpaired, each side's seeds are drawn on their own. The one example draw serves every drawn seed and both
 * sides: the seeds re-measure a single sample of sentences, so resampling the examples independently per seed would
 * shrink their noise by √k as if each seed brought new sentences (three copies of one seed would look three times as
 * informative). Δ* is then the mean over the drawn method seeds of their accuracy on the drawn examples minus the same
 * for the baseline. With one seed this is the ordinary paired bootstrap over examples; with several, the interval
 * also reflects seed-to-seed variation. Resampling both factors counts the seed × example interaction twice, which
 * errs on the wide side (Owen's "pigeonhole" bootstrap); with 2–3 seeds the seed level is coarse.
 *
 * <p>Deterministic: the seeds and the examples are drawn from two streams split from one {@link SplittableRandom}
 * with the given seed, restarted for every comparison.
 */
public final class PairedBootstrap {

    public static final int DEFAULT_SAMPLES = 10_000;
    public static final long DEFAULT_SEED = 1234;

    private final int samples;
    private final long seed;

    public PairedBootstrap(int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("bootstrap samples must be positive, got " + samples);
        }
        this.samples = samples;
        this.seed = seed;
    }

    public int samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }

    public BootstrapDistribution resample(SeedOutcomes outcomes) {
        Columns columns = Columns.of(outcomes);
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom seedDraws = master.split();
        SplittableRandom exampleDraws = master.split();
        int n = outcomes.examples();
        int active = columns.activeExamples();
        Binomial activeDraws = new Binomial(n, (double) active / n);
        double[] replicates = new double[samples];
        int[] weights = new int[columns.count()];
        int[] patternCounts = new int[columns.patterns()];
        for (int b = 0; b < samples; b++) {
            columns.drawSeedWeights(seedDraws, weights);
            // n uniform draws over all examples: first how many land on examples that can move Δ*, then which
            int drawn = activeDraws.draw(exampleDraws);
            Arrays.fill(patternCounts, 0);
            for (int d = 0; d < drawn; d++) {
                patternCounts[columns.patternOf(exampleDraws.nextInt(active))]++;
            }
            replicates[b] = columns.delta(weights, patternCounts, n);
        }
        return new BootstrapDistribution(columns.delta(columns.unitWeights(), columns.patternTotals(), n),
                replicates);
    }

    /** One sentence for the notes. */
    public String description() {
        return String.format(Locale.ROOT, "paired bootstrap over seeds and examples (%,d resamples, seed %d)",
                samples, seed);
    }

    /**
     * The outcomes as columns: paired, one column per seed holding method − baseline (−1, 0, 1) with coefficient 1
     * and denominator k; unpaired, a column per method seed (coefficient k_b) and per baseline seed (coefficient −k_m)
     * with denominator k_m·k_b. Δ = 100 · Σ_c coefficient_c · weight_c · sum_c / (denominator · n) in integers until
     * the last division, so a degenerate sample gives exactly the observed Δ. Examples whose Δ contribution is zero
     * whatever the seed draw (no difference in any paired seed; unpaired, every seed of both sides agreeing) are left
     * out: they only dilute, which the n in the denominator accounts for. The others are grouped by their row of
     * column values (at most 3^k patterns), so a resample only counts how often it draws each pattern.
     */
    private static final class Columns {

        private final byte[][] patterns; // [pattern][column]
        private final int[] patternOf; // per active example
        private final long[] coefficients;
        private final int[][] groups; // column indices per group: the seeds resampled together
        private final long denominator;

        private Columns(byte[][] patterns, int[] patternOf, long[] coefficients, int[][] groups, long denominator) {
            this.patterns = patterns;
            this.patternOf = patternOf;
            this.coefficients = coefficients;
            this.groups = groups;
            this.denominator = denominator;
        }

        static Columns of(SeedOutcomes o) {
            int km = o.methodSeeds().size();
            int kb = o.baselineSeeds().size();
            int columns = o.pairedSeeds() ? km : km + kb;
            Map<String, Integer> index = new HashMap<>();
            List<byte[]> patterns = new ArrayList<>();
            List<Integer> patternOf = new ArrayList<>();
            for (int i = 0; i < o.examples(); i++) {
                byte[] row = row(o, i, columns);
                if (row != null) {
                    Integer p = index.computeIfAbsent(Arrays.toString(row), key -> {
                        patterns.add(row);
                        return patterns.size() - 1;
                    });
                    patternOf.add(p);
                }
            }
            long[] coefficients = new long[columns];
            int[][] groups;
            long denominator;
            if (o.pairedSeeds()) {
                Arrays.fill(coefficients, 1);
                groups = new int[][] {range(0, km)};
                denominator = km;
            } else {
                for (int c = 0; c < columns; c++) {
                    coefficients[c] = c < km ? kb : -km;
                }
                groups = new int[][] {range(0, km), range(km, km + kb)};
                denominator = (long) km * kb;
            }
            return new Columns(patterns.toArray(byte[][]::new), patternOf.stream().mapToInt(Integer::intValue)
                    .toArray(), coefficients, groups, denominator);
        }

        /** Example i's column values, or null when it cannot move Δ under any seed draw. */
        private static byte[] row(SeedOutcomes o, int i, int columns) {
            int km = o.methodSeeds().size();
            byte[] row = new byte[columns];
            if (o.pairedSeeds()) {
                boolean any = false;
                for (int s = 0; s < km; s++) {
                    row[s] = (byte) ((o.methodGood(s, i) ? 1 : 0) - (o.baselineGood(s, i) ? 1 : 0));
                    any |= row[s] != 0;
                }
                return any ? row : null;
            }
            boolean first = o.methodGood(0, i);
            boolean allEqual = true;
            for (int s = 0; s < km; s++) {
                row[s] = (byte) (o.methodGood(s, i) ? 1 : 0);
                allEqual &= o.methodGood(s, i) == first;
            }
            for (int s = 0; s < columns - km; s++) {
                row[km + s] = (byte) (o.baselineGood(s, i) ? 1 : 0);
                allEqual &= o.baselineGood(s, i) == first;
            }
            return allEqual ? null : row;
        }

        private static int[] range(int from, int to) {
            return IntStream.range(from, to).toArray();
        }

        int count() {
            return coefficients.length;
        }

        int patterns() {
            return patterns.length;
        }

        int activeExamples() {
            return patternOf.length;
        }

        int patternOf(int activeExample) {
            return patternOf[activeExample];
        }

        /** How often each column's seed is drawn: per group, as many draws with replacement as it has seeds. */
        void drawSeedWeights(SplittableRandom random, int[] weights) {
            Arrays.fill(weights, 0);
            for (int[] g : groups) {
                for (int d = 0; d < g.length; d++) {
                    weights[g[random.nextInt(g.length)]]++;
                }
            }
        }

        int[] unitWeights() {
            int[] w = new int[count()];
            Arrays.fill(w, 1);
            return w;
        }

        /** Every active example once: the observed sample. */
        int[] patternTotals() {
            int[] counts = new int[patterns()];
            for (int p : patternOf) {
                counts[p]++;
            }
            return counts;
        }

        double delta(int[] weights, int[] patternCounts, int n) {
            long numerator = 0;
            for (int p = 0; p < patterns.length; p++) {
                if (patternCounts[p] == 0) {
                    continue;
                }
                long value = 0;
                for (int c = 0; c < coefficients.length; c++) {
                    value += coefficients[c] * weights[c] * patterns[p][c];
                }
                numerator += value * patternCounts[p];
            }
            return 100.0 * numerator / (denominator * n);
        }
    }
}
