package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExampleOutcomesTest {

    @Test
    void predictionsPairIndexByIndex() {
        ExampleOutcomes method = ExampleOutcomes.ofPredictions(new int[] {1, 0, 1, 1}, new int[] {1, 1, 1, 0});
        ExampleOutcomes base = ExampleOutcomes.ofPredictions(new int[] {0, 1, 1, 1}, new int[] {1, 1, 1, 0});
        // example 0: method only; 1: baseline only; 2: both; 3: neither
        assertEquals(new PairCounts(1, 1, 1, 1), method.pairWith(base));
    }

    @Test
    void attacksPairOnTheExamplesBothAttackedInAnyOrder() {
        ExampleOutcomes method = ExampleOutcomes.ofAttack(new int[] {12, 10, 11, 13},
                new String[] {"failed", "failed", "succeeded", "skipped"});
        ExampleOutcomes base = ExampleOutcomes.ofAttack(new int[] {11, 12, 14},
                new String[] {"failed", "succeeded", "failed"});
        // shared: 11 (baseline only robust), 12 (method only robust)
        assertEquals(new PairCounts(0, 1, 1, 0), method.pairWith(base));
    }

    @Test
    void duplicateIndicesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleOutcomes.ofAttack(new int[] {3, 3}, new String[] {"failed", "failed"}));
        assertEquals("example index 3 attacked twice", e.getMessage());
    }
}
