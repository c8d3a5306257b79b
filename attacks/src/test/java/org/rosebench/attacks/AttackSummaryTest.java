package org.rosebench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackSummaryTest {

    static AttackResult result(String id, AttackStatus status, int words, int changed, int queries) {
        return new AttackResult(id, status, List.of("text"), List.of("o"), List.of("p"), 1, 1, 0.9f,
                new float[] {0.1f, 0.9f}, 0, 0.6f, new float[] {0.6f, 0.4f}, 0.1, 0.6, List.of(), words, changed,
                queries, queries + 1, 0.5);
    }

    @Test
    void textAttackFormulas() {
        List<AttackResult> results = List.of(
                result("1", AttackStatus.SUCCEEDED, 10, 2, 30), // 20%
                result("2", AttackStatus.SUCCEEDED, 4, 1, 12), // 25%
                result("3", AttackStatus.SUCCEEDED, 5, 0, 7), // 0%: left out of the average
                result("4", AttackStatus.FAILED, 8, 0, 50),
                result("5", AttackStatus.SKIPPED, 3, 0, 1));
        AttackSummary s = AttackSummary.of(results);
        assertEquals(3, s.succeeded());
        assertEquals(1, s.failed());
        assertEquals(1, s.skipped());
        assertEquals(80.0, s.originalAccuracy(), 1e-12); // (5 - 1) / 5
        assertEquals(20.0, s.accuracyUnderAttack(), 1e-12); // 1 / 5
        assertEquals(75.0, s.attackSuccessRate(), 1e-12); // 3 / 4
        assertEquals(22.5, s.avgPerturbedWordPercent(), 1e-12); // (20 + 25) / 2
        assertEquals(6.0, s.avgWordsPerInput(), 1e-12); // 30 / 5, skipped included
        assertEquals(24.75, s.avgQueries(), 1e-12); // (30 + 12 + 7 + 50) / 4
        assertEquals(25.75, s.avgTotalQueries(), 1e-12);
    }

    @Test
    void roundingAndTable() {
        AttackSummary s = AttackSummary.of(List.of(result("1", AttackStatus.SUCCEEDED, 3, 1, 10),
                result("2", AttackStatus.SUCCEEDED, 3, 2, 10), result("3", AttackStatus.FAILED, 3, 0, 10)));
        assertEquals(200.0 / 3, s.attackSuccessRate(), 1e-12);
        assertEquals(66.67, AttackSummary.round2(s.attackSuccessRate()));
        assertEquals(50.0, s.avgPerturbedWordPercent(), 1e-12); // (33.33.. + 66.66..) / 2
        // Python's round() works on the binary value: 0.125 is exact (half-even -> 0.12), 2.675 is below
        assertEquals(0.12, AttackSummary.round2(0.125));
        assertEquals(2.67, AttackSummary.round2(2.675));
        String table = s.toTable();
        assertTrue(table.contains("| Attack success rate:          | 66.67% |"), table);
        assertTrue(table.contains("| Original accuracy:            | 100.0% |"), table);
        assertTrue(table.contains("| Avg num queries:              | 10.0   |"), table);
    }

    @Test
    void emptyAndAllSkipped() {
        AttackSummary s = AttackSummary.of(List.of(result("1", AttackStatus.SKIPPED, 4, 0, 1)));
        assertEquals(0.0, s.attackSuccessRate());
        assertEquals(0.0, s.originalAccuracy());
        assertTrue(Double.isNaN(s.avgQueries()));
        assertTrue(s.toTable().contains("nan"));
    }
}
