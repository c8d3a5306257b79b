package org.rosebench.harness.report;

import java.util.Arrays;

/** The observed Δ and its bootstrap replicates Δ* (points), with the percentile interval and p-value they give. */
public final class BootstrapDistribution {

    /** A percentile confidence interval in points. */
    public record Interval(double low, double high) {}

    private final double observed;
    private final double[] sorted;

    BootstrapDistribution(double observed, double[] replicates) {
        if (replicates.length == 0) {
            throw new IllegalArgumentException("no bootstrap replicates");
        }
        this.observed = observed;
        this.sorted = replicates.clone();
        Arrays.sort(this.sorted);
    }

    public double observed() {
        return observed;
    }

    public int samples() {
        return sorted.length;
    }

    /** The replicates, ascending (a copy). */
    double[] sortedReplicates() {
        return sorted.clone();
    }

    /** The q-quantile of Δ*, interpolating linearly between order statistics (numpy's default method). */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile " + q + " is not in [0, 1]");
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        // equal neighbours give exactly that value (a degenerate distribution gives a point interval)
        return sorted[lo] == sorted[hi] ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The central percentile interval holding {@code level} (e.g. 0.95) of the replicates. */
    public Interval interval(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level " + level + " is not in (0, 1)");
        }
        double tail = (1 - level) / 2;
        return new Interval(quantile(tail), quantile(1 - tail));
    }

    /**
     * Two-sided p-value by inverting the percentile interval: twice the share of replicates on the far side of 0,
     * min(1, 2·(1 + min(#{Δ* ≤ 0}, #{Δ* ≥ 0})) / (B + 1)). So p &lt; α exactly when 0 lies (up to the +1) outside
     * the (1 − α) interval, and the marker agrees with the printed interval.
     */
    public double pValue() {
        int atOrBelow = 0;
        int atOrAbove = 0;
        for (double d : sorted) {
            if (d <= 0) {
                atOrBelow++;
            }
            if (d >= 0) {
                atOrAbove++;
            }
        }
        return Math.min(1.0, 2.0 * (1 + Math.min(atOrBelow, atOrAbove)) / (sorted.length + 1.0));
    }
}
