package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCoverageTest {

    @TempDir
    Path dir;

    @Test
    void configuredSeedsComeFromTheRunsConfigCopy() throws Exception {
        List<String> warnings = new ArrayList<>();
        assertEquals(List.of(), ConfiguredSeeds.read(dir, warnings::add));
        Files.writeString(dir.resolve("config.yaml"), "name: x\nseeds: [42, 7]\nmodels: [m]\n");
        assertEquals(List.of(42L, 7L), ConfiguredSeeds.read(dir, warnings::add));
        assertTrue(warnings.isEmpty());
        Files.writeString(dir.resolve("config.yaml"), "seeds: [1, x]\n");
        assertEquals(List.of(), ConfiguredSeeds.read(dir, warnings::add));
        Files.writeString(dir.resolve("config.yaml"), "seeds: [1\n");
        assertEquals(List.of(), ConfiguredSeeds.read(dir, warnings::add));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("seed 'x' is not an integer"), warnings.get(0));
    }

    @Test
    void expectedSeedsAreTheConfigsAndEverySeedFinishedInTheTable() throws Exception {
        RunDirFixture f = new RunDirFixture(dir);
        int[] labels = RunDirFixture.alternating(4);
        f.eval("m", "sst2", "vanilla", 1, "dev", labels);
        f.eval("m", "sst2", "vanilla", 5, "dev", labels);
        f.eval("m", "rte", "r3f", 1, "dev", labels);
        f.eval("m", "sst2", "vanilla", 1, "advglue", labels);
        SeedCoverage c = SeedCoverage.of(ResultRows.load(dir), List.of(1L, 2L));
        assertEquals(List.of(1L, 2L, 5L), c.expected("m", "dev")); // seed 5 finished though not configured
        assertEquals(List.of(1L, 2L), c.expected("m", "advglue"));
        assertEquals(2, c.finished("m", "sst2", "vanilla", "dev"));
        assertTrue(c.incomplete("m", "sst2", "vanilla", "dev"));
        assertEquals(0, c.finished("m", "rte", "vanilla", "dev"));
        assertTrue(c.configKnown());
        SeedCoverage unknown = SeedCoverage.of(ResultRows.load(dir), List.of());
        assertFalse(unknown.configKnown());
        assertFalse(unknown.incomplete("m", "sst2", "vanilla", "advglue"));
        assertTrue(unknown.incomplete("m", "rte", "r3f", "dev")); // 1 of seeds 1, 5
    }
}
