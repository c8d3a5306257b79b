package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    private final PairedBootstrap bootstrap = new PairedBootstrap(2000, 7);

    @Test
    void seededAndReproducible() {
        PairCounts c = new PairCounts(120, 14, 6, 60);
        assertEquals(bootstrap.pValue(c), new PairedBootstrap(2000, 7).pValue(c));
    }

    @Test
    void noDifferenceGivesOne() {
        assertEquals(1.0, bootstrap.pValue(new PairCounts(30, 5, 5, 10)));
        assertEquals(1.0, bootstrap.pValue(new PairCounts(30, 0, 0, 10)));
        assertEquals(1.0, bootstrap.pValue(PairCounts.EMPTY));
    }

    @Test
    void agreesWithMcNemarOnClearAndUnclearDifferences() {
        // b=30, c=10 over 200 pairs: McNemar p = 0.0022; b=12, c=10: p = 0.83
        PairCounts clear = new PairCounts(100, 30, 10, 60);
        PairCounts unclear = new PairCounts(100, 12, 10, 78);
        assertTrue(new McNemar().pValue(clear) < 0.01);
        assertTrue(bootstrap.pValue(clear) < 0.01, "bootstrap p " + bootstrap.pValue(clear));
        assertTrue(new McNemar().pValue(unclear) > 0.5);
        assertTrue(bootstrap.pValue(unclear) > 0.5, "bootstrap p " + bootstrap.pValue(unclear));
    }

    @Test
    void binomialDrawsHaveTheRightMeanAndVariance() {
        // Binomial(1000, 0.1): mean 100, variance 90
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int draws = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < draws; i++) {
            int k = PairedBootstrap.binomial(random, 1000, 0.1);
            sum += k;
            sumSq += (double) k * k;
        }
        double mean = sum / draws;
        assertEquals(100, mean, 0.3); // standard error sqrt(90 / 20000) = 0.067
        assertEquals(90, sumSq / draws - mean * mean, 4);
        assertEquals(1000, PairedBootstrap.binomial(random, 1000, 1.0));
    }

    @Test
    void pValueIsAtLeastOneOverSamplesPlusOne() {
        assertEquals(1.0 / 2001, bootstrap.pValue(new PairCounts(0, 200, 0, 0)), 1e-12);
    }
}
