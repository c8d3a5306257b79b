package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedAggregatesTest {

    private static MetricRow row(String method, long seed, double value) {
        return new MetricRow("m", "sst2", method, seed, "dev", "accuracy", value);
    }

    private static void assertStats(double mean, double std, int n, Stats actual) {
        assertEquals(mean, actual.mean(), 1e-12);
        assertEquals(std, actual.std(), 1e-12);
        assertEquals(n, actual.n());
    }

    @Test
    void meanAndSampleStdOverSeeds() {
        SeedAggregates a = SeedAggregates.of(List.of(row("a", 1, 75), row("a", 2, 80), row("b", 1, 60),
                row("b", 2, 70), row("b", 3, 80), row("c", 1, 42.5)));
        // a: mean 77.5, std = sqrt((2.5² + 2.5²) / 1) = sqrt(12.5)
        Stats s = a.get("m", "sst2", "a", "dev", "accuracy");
        assertEquals(77.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(12.5), s.std(), 1e-12);
        assertEquals(2, s.n());
        assertEquals("77.50 ± 3.54", s.format());
        // b: mean 70, std = sqrt((100 + 0 + 100) / 2) = 10
        assertStats(70, 10, 3, a.get("m", "sst2", "b", "dev", "accuracy"));
        // one seed: just the mean
        assertEquals("42.50", a.get("m", "sst2", "c", "dev", "accuracy").format());
        assertEquals("–", a.get("m", "sst2", "zzz", "dev", "accuracy").format());
    }

    @Test
    void nanSeedsAreLeftOut() {
        SeedAggregates a = SeedAggregates.of(List.of(row("a", 1, 10), row("a", 2, Double.NaN), row("a", 3, 20),
                row("b", 1, Double.NaN)));
        assertStats(15, Math.sqrt(50), 2, a.get("m", "sst2", "a", "dev", "accuracy"));
        assertEquals(0, a.get("m", "sst2", "b", "dev", "accuracy").n());
    }
}
