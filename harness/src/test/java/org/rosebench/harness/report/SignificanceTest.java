package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignificanceTest {

    @TempDir
    Path dir;

    private static ExampleOutcomes predictions(String good) {
        int[] labels = new int[good.length()];
        int[] predictions = new int[good.length()];
        for (int i = 0; i < good.length(); i++) {
            predictions[i] = good.charAt(i) == '1' ? 0 : 1;
        }
        return ExampleOutcomes.ofPredictions(predictions, labels);
    }

    @Test
    void fixtureComparisonsTreatTheExamplesAsTheUnit() throws Exception {
        RunDirFixture.standard(dir);
        Significance s = ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05, PaperValues.none())
                .significance();
        // hand-computed in RunDirFixture#standard
        assertEquals(2.0 / 32, s.pValue("tiny", "sst2", "rose-ensemble", "dev"), 1e-15);
        assertEquals(1.0, s.pValue("tiny", "rte", "rose-ensemble", "dev"), 1e-15);
        assertEquals(0.5, s.pValue("tiny", "sst2", "rose-ensemble", "advglue"), 1e-15);
        assertEquals(2.0 / 128, s.pValue("tiny", "sst2", "rose-ensemble", "attack:textfooler:dev"), 1e-15);
        assertNull(s.pValue("tiny", "sst2", "vanilla", "dev"));
        Comparison sst = s.comparison("tiny", "sst2", "rose-ensemble", "dev");
        // Δ = (95 + 100)/2 − (75 + 80)/2 = 20 points over 2 paired seeds and 20 examples
        assertEquals(20.0, sst.delta(), 1e-12);
        assertEquals(2, sst.methodSeeds());
        assertEquals(2, sst.baselineSeeds());
        assertTrue(sst.pairedSeeds());
        assertEquals(20, sst.examples());
        assertTrue(sst.ciLow() <= 20 && 20 <= sst.ciHigh(), sst.toString());
        // under attack: robust 70, 90 against 20, 20 -> Δ = 60
        assertEquals(60.0, s.comparison("tiny", "sst2", "rose-ensemble", "attack:textfooler:dev").delta(), 1e-12);
    }

    @Test
    void seedsPairByValueAndOnlyCommonSeedsAreUsed() {
        // method seeds 1, 2; baseline 1, 2, 3: seeds 1 and 2 pair, baseline seed 3 is left out
        SeedOutcomes o = SeedOutcomes.of(Map.of(1L, predictions("1100"), 2L, predictions("1110")),
                Map.of(1L, predictions("1000"), 2L, predictions("0110"), 3L, predictions("0000"))).orElseThrow();
        assertTrue(o.pairedSeeds());
        assertEquals(java.util.List.of(1L, 2L), o.methodSeeds());
        assertEquals(java.util.List.of(1L, 2L), o.baselineSeeds());
        // seed 1: 50 − 25, seed 2: 75 − 50 -> Δ = 25 points
        assertEquals(25.0, o.delta(), 1e-12);
        assertEquals(java.util.List.of(1, 1, 0, 0), java.util.Arrays.stream(o.seedSummedDifferences()).boxed()
                .toList());
    }

    @Test
    void disjointSeedsStayUnpairedAndOnlySharedExamplesCount() {
        // attacked examples differ by seed: only ids 1 and 2 are in all three rows
        ExampleOutcomes m1 = ExampleOutcomes.ofAttack(new int[] {0, 1, 2}, new String[] {"failed", "failed",
            "succeeded"});
        ExampleOutcomes b7 = ExampleOutcomes.ofAttack(new int[] {1, 2, 3}, new String[] {"succeeded", "succeeded",
            "failed"});
        ExampleOutcomes b8 = ExampleOutcomes.ofAttack(new int[] {2, 1}, new String[] {"failed", "succeeded"});
        SeedOutcomes o = SeedOutcomes.of(Map.of(1L, m1), Map.of(7L, b7, 8L, b8)).orElseThrow();
        assertFalse(o.pairedSeeds());
        assertEquals(2, o.examples());
        // method robust on 1 of 2 (50%); baseline 0 of 2 and 1 of 2 (mean 25%): Δ = 25
        assertEquals(25.0, o.delta(), 1e-12);
        assertTrue(SeedOutcomes.of(Map.of(1L, m1), Map.of()).isEmpty());
    }
}
