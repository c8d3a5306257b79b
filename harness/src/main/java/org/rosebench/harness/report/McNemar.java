package org.rosebench.harness.report;

/**
 * McNemar's exact test of one 2×2 table (one seed): under the null hypothesis the b + c discordant pairs split as
 * Binomial(b + c, 1/2), and the two-sided p-value is min(1, 2 · P(X ≤ min(b, c))). Concordant pairs carry no
 * information about the difference. Several seeds: {@link McNemarOverSeeds}.
 */
public final class McNemar {

    public double pValue(PairCounts pairs) {
        int b = pairs.onlyMethod();
        int c = pairs.onlyBaseline();
        return Math.min(1.0, 2 * halfBinomialLowerTail(b + c, Math.min(b, c)));
    }

    /**
     * P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space: 2^-n underflows a double beyond n ≈ 1074, and
     * QQP dev alone can have thousands of discordant pairs.
     */
    static double halfBinomialLowerTail(int n, int k) {
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        double logHalfPowN = -n * Math.log(2);
        double logC = 0; // log C(n, 0)
        double logSum = logHalfPowN;
        for (int i = 1; i <= k; i++) {
            logC += Math.log(n - i + 1) - Math.log(i);
            logSum = logAddExp(logSum, logC + logHalfPowN);
        }
        return Math.min(1.0, Math.exp(logSum));
    }

    private static double logAddExp(double a, double b) {
        double hi = Math.max(a, b);
        return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
    }
}
