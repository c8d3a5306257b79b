package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BootstrapDistributionTest {

    // given out of order: the distribution sorts
    private static final BootstrapDistribution D = new BootstrapDistribution(3.0,
            new double[] {8, -1.5, 0.25, 3, 0, 2, 10.25, 4.5, 7, 3});

    @Test
    void quantilesMatchNumpy() {
        // python3 -c "import numpy as np; a=np.array([-1.5,0,0.25,2,3,3,4.5,7,8,10.25]);
        //   print([np.quantile(a, q) for q in (0.025, 0.5, 0.975, 0.1)])"
        //   -> -1.1625 3.0 9.74375 -0.14999999999999997
        // by hand: q = 0.025, h = 9·0.025 = 0.225: −1.5 + 0.225·1.5 = −1.1625
        assertEquals(-1.1625, D.quantile(0.025), 1e-12);
        assertEquals(3.0, D.quantile(0.5), 1e-12);
        assertEquals(9.74375, D.quantile(0.975), 1e-12);
        assertEquals(-0.15, D.quantile(0.1), 1e-12);
        assertEquals(-1.1625, D.interval(0.95).low(), 1e-12);
        assertEquals(9.74375, D.interval(0.95).high(), 1e-12);
    }

    @Test
    void pValueCountsTheReplicatesOnTheFarSideOfZero() {
        // at or below 0: −1.5, 0 (2); at or above 0: 9. p = 2·(1 + 2)/(10 + 1) = 6/11
        assertEquals(6.0 / 11, D.pValue(), 1e-15);
    }
}
