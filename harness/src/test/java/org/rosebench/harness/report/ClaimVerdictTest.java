package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rosebench.harness.report.ClaimVerdict.Outcome;
import org.rosebench.harness.report.ClaimVerdict.Rule;

class ClaimVerdictTest {

    private static final Rule RULE = Rule.defaults(0.05); // refuted below +1, 3 points at 80% power

    private static Comparison comparison(double delta, double low, double high) {
        return new Comparison(delta, low, high, 0.5, "test", 3, 3, true, 100);
    }

    @Test
    void positiveAndSignificantAfterHolmHolds() {
        assertEquals(Outcome.HOLDS, ClaimVerdict.of(comparison(5, 2, 8), 0.01, RULE).outcome());
        // the raw p-value does not count, only the adjusted one
        assertEquals(Outcome.UNDETERMINED, ClaimVerdict.of(comparison(5, 2, 8), 0.2, RULE).outcome());
        assertEquals(Outcome.UNDETERMINED, ClaimVerdict.of(comparison(5, 2, 8), null, RULE).outcome());
    }

    @Test
    void anIntervalBelowTheThresholdRefutesAlsoWhenSignificantlyNegative() {
        assertEquals(Outcome.DOES_NOT_HOLD, ClaimVerdict.of(comparison(-2, -4, 0.5), 0.9, RULE).outcome());
        assertEquals(Outcome.DOES_NOT_HOLD, ClaimVerdict.of(comparison(-3, -5, -1), 0.001, RULE).outcome());
        // upper end exactly at the threshold: a one-point gain is not excluded
        assertEquals(Outcome.UNDETERMINED, ClaimVerdict.of(comparison(-1, -3, 1.0), 0.9, RULE).outcome());
    }

    @Test
    void dataNeededMatchesHandComputation() {
        // interval [-3, +5]: SE = 8 / (2 · 1.959964) = 2.040854; k = (2.040854 · (1.959964 + 0.841621) / 3)²
        // = 3.632361; 100 examples → 363.24 → 364; 3 seeds → 10.90 → 11
        ClaimVerdict v = ClaimVerdict.of(comparison(1, -3, 5), 0.6, RULE);
        assertEquals(Outcome.UNDETERMINED, v.outcome());
        assertEquals(3.6323606794917676, v.dataFactor(), 1e-9);
        assertEquals(364, v.examplesNeeded());
        assertEquals(11, v.seedsNeeded());
        assertEquals("cannot be told (~364 examples or ~11 seeds)", v.text(RULE));
    }

    @Test
    void enoughDataForTheTestedDifferenceIsSaid() {
        // interval [-0.5, +2.5]: k = (3 / 3.919928 · 2.801585 / 3)² = 0.510801 <= 1
        ClaimVerdict v = ClaimVerdict.of(comparison(1, -0.5, 2.5), 0.6, RULE);
        assertEquals(0.5108007205535299, v.dataFactor(), 1e-9);
        assertTrue(v.text(RULE).contains("enough data for 3.0 points"), v.text(RULE));
    }

    @Test
    void badRulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Rule(0, 1, 3, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new Rule(0.05, 1, 0, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new Rule(0.05, 1, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new Rule(0.05, Double.NaN, 3, 0.8));
    }
}
