package org.rosebench.attacks.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The threshold-selection rules on hand-made score lists. */
class ThresholdRuleTest {

    @Test
    void acceptanceCountsScoresAtOrAboveTheThreshold() {
        double[] s = {0.2, 0.5, 0.5, 0.9};
        assertEquals(0.75, ThresholdRule.acceptance(s, 0.5));
        assertEquals(0.25, ThresholdRule.acceptance(s, 0.50001));
        assertEquals(1.0, ThresholdRule.acceptance(s, Double.NEGATIVE_INFINITY));
    }

    @Test
    void youdenSeparatesCleanlySeparatedScoresInTheMiddleOfTheGap() {
        ThresholdRule.Choice c = ThresholdRule.maxYoudenJ(new double[] {0.9, 0.95, 0.97}, new double[] {0.1, 0.2});
        // every threshold in (0.2, 0.9] gives J = 1; the shortest decimal near the midpoint 0.55
        assertEquals(0.55, c.threshold(), 1e-12);
        assertEquals(1.0, c.acceptPositive());
        assertEquals(0.0, c.acceptNegative());
        assertEquals(1.0, c.youdenJ());
    }

    @Test
    void youdenTiesGoToTheLowestThreshold() {
        double[] pos = {0.9, 0.8, 0.7, 0.6};
        double[] neg = {0.65, 0.5, 0.4, 0.3};
        // J = 0.75 on (0.65, 0.7] (3/4 - 0) and on (0.5, 0.6] (4/4 - 1/4): the lower interval wins
        ThresholdRule.Choice c = ThresholdRule.maxYoudenJ(pos, neg);
        assertEquals(0.55, c.threshold(), 1e-12);
        assertEquals(1.0, c.acceptPositive());
        assertEquals(0.25, c.acceptNegative());
    }

    @Test
    void youdenPicksTheBestOfOverlappingDistributions() {
        double[] pos = {0.95, 0.93, 0.92, 0.91, 0.88, 0.85};
        double[] neg = {0.94, 0.90, 0.89, 0.87, 0.86, 0.84};
        // J: t=0.91 -> 4/6 - 1/6 = 0.5 is the maximum (t=0.85 -> 1 - 4/6; t=0.95 -> 1/6)
        ThresholdRule.Choice c = ThresholdRule.maxYoudenJ(pos, neg);
        assertEquals(0.91, c.threshold(), 1e-12); // in (0.90, 0.91]: the shortest decimal there
        assertEquals(0.5, c.youdenJ(), 1e-12);
    }

    @Test
    void oneStandardErrorRuleTakesTheLowestThresholdNearTheMaximum() {
        double[] pos = {0.95, 0.93, 0.92, 0.91, 0.88, 0.85};
        double[] neg = {0.94, 0.90, 0.89, 0.87, 0.86, 0.84};
        // J by threshold: 0.91 -> 0.5 (max), 0.92 and 0.88 and 0.90 -> 1/3, lower ones <= 1/6
        assertEquals(0.91, ThresholdRule.youdenWithin(pos, neg, 0).threshold(), 1e-12);
        ThresholdRule.Choice c = ThresholdRule.youdenWithin(pos, neg, 0.2);
        assertEquals(0.88, c.threshold(), 1e-12); // J(0.88) = 1/3 >= 0.5 - 0.2; shortest decimal in (0.87, 0.88]
        assertEquals(5.0 / 6, c.acceptPositive(), 1e-12);
        assertEquals(0.5, c.acceptNegative(), 1e-12);
        // a tolerance as large as the maximum accepts everything (J = 0 at the lowest score)
        assertEquals(0.84, ThresholdRule.youdenWithin(pos, neg, 0.5).threshold(), 1e-12);
    }

    @Test
    void withoutSeparationEverythingIsAccepted() {
        ThresholdRule.Choice c = ThresholdRule.maxYoudenJ(new double[] {0.5, 0.7}, new double[] {0.7, 0.5});
        assertEquals(0.5, c.threshold());
        assertEquals(1.0, c.acceptPositive());
        assertEquals(1.0, c.acceptNegative());
    }

    @Test
    void lowerPercentileKeepsTheRequestedShare() {
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            s[i] = (i + 1) / 100.0; // 0.01 .. 1.00
        }
        ThresholdRule.Choice c = ThresholdRule.lowerPercentile(s, 0.01, new double[] {0.005, 0.5});
        // reject the single lowest score: a threshold in (0.01, 0.02]
        assertEquals(0.015, c.threshold(), 1e-12);
        assertEquals(0.99, c.acceptPositive(), 1e-12);
        assertEquals(0.5, c.acceptNegative(), 1e-12);
        // fewer than 100 scores: floor(0.01 n) = 0 rejects nothing, the threshold is the minimum itself
        assertEquals(0.3, ThresholdRule.lowerPercentile(new double[] {0.9, 0.3, 0.5}, 0.01, new double[0]).threshold());
        // ties at the cut are all kept
        ThresholdRule.Choice tied = ThresholdRule.lowerPercentile(new double[] {0.2, 0.4, 0.4, 0.4, 0.9}, 0.25, new double[0]);
        assertEquals(0.3, tied.threshold(), 1e-12);
        assertEquals(0.8, tied.acceptPositive(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ThresholdRule.lowerPercentile(s, 1.0, new double[0]));
    }

    @Test
    void betweenGivesTheShortestDecimalInsideTheInterval() {
        assertEquals(0.55, ThresholdRule.between(0.2, 0.9), 1e-15);
        assertEquals(0.9396, ThresholdRule.between(0.93955, 0.93968), 1e-15);
        assertEquals(0.93963, ThresholdRule.between(0.93961, 0.93965), 1e-15);
        assertEquals(0.7, ThresholdRule.between(Double.NEGATIVE_INFINITY, 0.7));
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        double[] s = {4, 1, 3, 2};
        assertEquals(1.0, ThresholdRule.quantile(s, 0));
        assertEquals(2.5, ThresholdRule.quantile(s, 0.5));
        assertEquals(1.03, ThresholdRule.quantile(s, 0.01), 1e-12);
    }
}
