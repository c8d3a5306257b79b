package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mean and sample std over seeds (Tablesaw, via {@link SeedAggregates}) against numpy. */
class StatsTest {

    private static Stats stats(double... values) {
        List<MetricRow> rows = new java.util.ArrayList<>();
        for (int s = 0; s < values.length; s++) {
            rows.add(new MetricRow("m", "sst2", "a", s + 1, "dev", "accuracy", values[s]));
        }
        return SeedAggregates.of(rows).get("m", "sst2", "a", "dev", "accuracy");
    }

    @Test
    void sampleStdMatchesNumpyWithDdofOne() {
        // python3 -c "import numpy as np; [print(np.mean(v), np.std(v, ddof=1)) for v in
        //   ([84.63, 85.10, 84.02], [91.2, 90.4, 92.0, 89.9, 91.5])]"   (numpy 2.4.6)
        //   -> 84.58333333333333 0.5415102338214233 / 91.0 0.8455767262643854
        Stats three = stats(84.63, 85.10, 84.02);
        assertEquals(84.58333333333333, three.mean(), 1e-12);
        assertEquals(0.5415102338214233, three.std(), 1e-12);
        assertEquals("84.58 ± 0.54", three.format());
        Stats five = stats(91.2, 90.4, 92.0, 89.9, 91.5);
        assertEquals(91.0, five.mean(), 1e-12);
        assertEquals(0.8455767262643854, five.std(), 1e-12);
        assertEquals(5, five.n());
    }
}
