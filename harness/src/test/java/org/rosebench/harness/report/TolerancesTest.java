package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TolerancesTest {

    @Test
    void lookupGoesEvaluationMetricThenMetricThenFallback() {
        Tolerances t = Tolerances.defaults();
        assertEquals(1.0, t.of("dev", "accuracy"));
        assertEquals(2.0, t.of("advglue", "accuracy"));
        assertEquals(5.0, t.of("attack:textfooler:dev", "avg_queries"));
        assertEquals(Tolerances.FALLBACK, t.of("dev", "something_new"));
        Tolerances o = t.with("attack:pwws:dev:avg_queries", 50).with("accuracy", 0.25);
        assertEquals(50.0, o.of("attack:pwws:dev", "avg_queries"));
        assertEquals(5.0, o.of("attack:textfooler:dev", "avg_queries"));
        assertEquals(0.25, o.of("dev", "accuracy"));
        assertEquals(2.0, o.of("advglue", "accuracy")); // the more specific default still wins
    }

    @Test
    void aPlainNumberReplacesEveryDefault() {
        Tolerances t = Tolerances.defaults().withAll(0.5);
        assertEquals(0.5, t.of("advglue", "accuracy"));
        assertEquals(0.5, t.of("attack:textfooler:dev", "avg_queries"));
        assertEquals(3.0, t.with("avg_queries", 3).of("attack:textfooler:dev", "avg_queries"));
    }

    @Test
    void rejectsUnknownMetricsAndNegativeValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tolerances.defaults().with("acuracy", 1));
        assertTrue(e.getMessage().contains("acuracy") && e.getMessage().contains("accuracy_under_attack"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tolerances.defaults().withAll(-1));
        assertThrows(IllegalArgumentException.class, () -> Tolerances.defaults().withAll(Double.NaN));
    }
}
