package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class McNemarTest {

    private static double p(int onlyMethod, int onlyBaseline) {
        return new McNemar().pValue(new PairCounts(50, onlyMethod, onlyBaseline, 7));
    }

    @Test
    void smallCountsMatchHandComputedBinomialTails() {
        // b=8, c=0: 2 * C(8,0)/2^8 = 2/256
        assertEquals(2.0 / 256, p(8, 0), 1e-15);
        // b=1, c=9: 2 * (C(10,0) + C(10,1))/2^10 = 2 * 11/1024
        assertEquals(22.0 / 1024, p(1, 9), 1e-15);
        // b=2, c=8: 2 * (1 + 10 + 45)/1024 = 112/1024
        assertEquals(0.109375, p(2, 8), 1e-15);
        // b=0, c=5: 2 * 1/32
        assertEquals(0.0625, p(0, 5), 1e-15);
        // b=3, c=3: 2 * P(X <= 3 | n=6) = 2 * 42/64 > 1, capped
        assertEquals(1.0, p(3, 3));
    }

    @Test
    void matchesScipyBinomtest() {
        // python3 -c "from scipy.stats import binomtest; [print(b, c, binomtest(b, b + c, 0.5).pvalue) for b, c in
        //   [(3, 11), (17, 6), (40, 25), (0, 7), (9, 9)]]"   (scipy 1.17.1)
        assertEquals(0.057373046875, p(3, 11), 1e-15);
        assertEquals(0.03468966484069824, p(17, 6), 1e-15);
        assertEquals(0.08168153394154003, p(40, 25), 1e-14);
        assertEquals(0.015625, p(0, 7), 1e-15);
        assertEquals(1.0, p(9, 9), 1e-15);
    }

    @Test
    void noDiscordantPairsMeansNoEvidence() {
        assertEquals(1.0, p(0, 0));
    }

    @Test
    void symmetricInMethodAndBaseline() {
        assertEquals(p(13, 29), p(29, 13), 0);
    }

    @Test
    void largeCountsStayAccurateInLogSpace() {
        // 2^-5000 underflows a double; the log-space sum must still match commons-math's exact CDF
        for (int[] bc : new int[][] {{40, 60}, {2400, 2600}, {480, 520}}) {
            int n = bc[0] + bc[1];
            double expected = 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(bc[0]);
            assertEquals(expected, p(bc[0], bc[1]), expected * 1e-9, "b=" + bc[0] + " c=" + bc[1]);
        }
        // far tail: 2 * 2^-1100 is below the smallest double; it must come out as 0, not NaN
        assertEquals(0.0, p(0, 1100), 1e-300);
    }
}
