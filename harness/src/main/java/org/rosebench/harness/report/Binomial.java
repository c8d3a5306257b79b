package org.rosebench.harness.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact Binomial(n, p) draws by inverting a table of its distribution function. The bootstrap draws from one fixed
 * Binomial(n, p) thousands of times (how many of n resampled examples can move Δ), so the O(n) table is built once
 * and every draw is one uniform number and a binary search, whatever n·p (QQP: 40k dev examples).
 */
final class Binomial {

    private final double[] cdf; // cdf[k] = P(X ≤ k)

    Binomial(int n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Binomial(" + n + ", " + p + ")");
        }
        double[] pmf = pmf(n, p);
        cdf = new double[n + 1];
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            sum += pmf[k];
            cdf[k] = sum;
        }
        cdf[n] = 1; // rounding must not leave a gap above the last value
    }

    /** The smallest k with u &lt; P(X ≤ k) for one uniform u in [0, 1). */
    int draw(SplittableRandom random) {
        double u = random.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        int k = i >= 0 ? i : -i - 1;
        while (k < cdf.length - 1 && cdf[k] <= u) { // an exact hit, or a run of zero probabilities
            k++;
        }
        return k;
    }

    /**
     * Probabilities by the ratio P(k + 1) / P(k) = (n − k)·p / ((k + 1)·(1 − p)), outward from the mode and
     * normalised at the end: p^n alone underflows for large n.
     */
    static double[] pmf(int n, double p) {
        double[] out = new double[n + 1];
        if (p == 0 || p == 1) {
            out[p == 0 ? 0 : n] = 1;
            return out;
        }
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        out[mode] = 1;
        double odds = p / (1 - p);
        for (int k = mode; k < n; k++) {
            out[k + 1] = out[k] * (n - k) / (k + 1) * odds;
        }
        for (int k = mode; k > 0; k--) {
            out[k - 1] = out[k] * k / (n - k + 1) / odds;
        }
        double sum = 0;
        for (double x : out) {
            sum += x;
        }
        for (int k = 0; k <= n; k++) {
            out[k] /= sum;
        }
        return out;
    }
}
