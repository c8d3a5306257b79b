package org.rosebench.harness.report;

import org.apache.commons.math3.special.Erf;

/**
 * The null distribution of T = Σ ±d_i: independent fair signs on positive integer magnitudes d_i, given as how many
 * of the d_i equal each magnitude. With m_j magnitudes equal to j, T = 2U − M where U = Σ_j j·B_j,
 * B_j ~ Binomial(m_j, ½) independent and M = Σ_j j·m_j; the distribution of U is the convolution of one scaled
 * binomial per magnitude. Exact while that convolution is cheap (always for a single magnitude, which is McNemar's
 * binomial), otherwise normal with a continuity correction: then the counts are in the thousands.
 */
final class SignFlipSum {

    /** Multiply-adds the exact convolution may take: about a tenth of a second. */
    static final double EXACT_BUDGET = 1e8;

    /** A tail probability and whether it is exact (false: normal approximation). */
    record Tail(double probability, boolean exact) {}

    private SignFlipSum() {}

    /** P(T ≥ t); {@code counts[j]} = how many d_i equal j (index 0 is ignored). */
    static Tail upperTail(int[] counts, long t) {
        return upperTail(counts, t, EXACT_BUDGET);
    }

    static Tail upperTail(int[] counts, long t, double exactBudget) {
        long total = 0; // M
        int magnitudes = 0;
        int lastMagnitude = 0;
        for (int j = 1; j < counts.length; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("negative count for magnitude " + j);
            }
            if (counts[j] > 0) {
                total += (long) j * counts[j];
                magnitudes++;
                lastMagnitude = j;
            }
        }
        if (t > total) {
            return new Tail(0, true);
        }
        if (t <= -total) {
            return new Tail(1, true);
        }
        long u0 = ceilDiv(t + total, 2); // T ≥ t ⇔ U ≥ u0
        if (magnitudes == 1) {
            // U = j·B: P(B ≥ b0) = P(B ≤ m − b0) by symmetry, summed in log space at any m
            int j = lastMagnitude;
            int m = counts[j];
            long b0 = ceilDiv(u0, j);
            return new Tail(McNemar.halfBinomialLowerTail(m, (int) (m - b0)), true);
        }
        if (convolutionCost(counts) > exactBudget) {
            return new Tail(normalUpperTail(counts, t), false);
        }
        double[] pmf = {1.0}; // of U
        for (int j = 1; j < counts.length; j++) {
            if (counts[j] > 0) {
                pmf = convolve(pmf, halfBinomialPmf(counts[j]), j);
            }
        }
        double tail = 0;
        for (long u = pmf.length - 1; u >= u0; u--) { // small terms first
            tail += pmf[(int) u];
        }
        return new Tail(Math.min(1.0, tail), true);
    }

    private static double convolutionCost(int[] counts) {
        double cost = 0;
        double length = 1;
        for (int j = 1; j < counts.length; j++) {
            if (counts[j] > 0) {
                cost += length * (counts[j] + 1.0);
                length += (double) j * counts[j];
            }
        }
        return cost;
    }

    /** The distribution of U + j·B given those of U and B. */
    private static double[] convolve(double[] u, double[] b, int j) {
        double[] out = new double[u.length + j * (b.length - 1)];
        for (int x = 0; x < u.length; x++) {
            if (u[x] == 0) {
                continue;
            }
            for (int k = 0; k < b.length; k++) {
                out[x + j * k] += u[x] * b[k];
            }
        }
        return out;
    }

    /**
     * Binomial(m, ½) probabilities by the ratio p(k + 1) / p(k) = (m − k) / (k + 1), outward from the mode and
     * normalised at the end: 2^−m alone underflows beyond m ≈ 1074, and a running sum of logs drifts by about
     * 1e-12 at m = 5000.
     */
    static double[] halfBinomialPmf(int m) {
        double[] p = new double[m + 1];
        int mode = m / 2;
        p[mode] = 1;
        for (int k = mode; k < m; k++) {
            p[k + 1] = p[k] * (m - k) / (k + 1);
        }
        for (int k = mode; k > 0; k--) {
            p[k - 1] = p[k] * k / (m - k + 1);
        }
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        for (int k = 0; k <= m; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** T has mean 0, variance Σ j²·m_j and moves in steps of 2g (g = gcd of the magnitudes): half a step is g. */
    private static double normalUpperTail(int[] counts, long t) {
        double variance = 0;
        long g = 0;
        for (int j = 1; j < counts.length; j++) {
            if (counts[j] > 0) {
                variance += (double) j * j * counts[j];
                g = gcd(g, j);
            }
        }
        double z = (t - g) / Math.sqrt(variance);
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
