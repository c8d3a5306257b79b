package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every config in {@code configs/} loads and plans with what a clone carries: an edited study or demo config that no
 * longer parses, or that plans two cells under one name, fails here rather than in a user's week-long run.
 */
class ShippedConfigsTest {

    /** Configs of the paper's models and full data, which a clone does not carry; they must still plan. */
    private static final Set<String> NEEDS_DOWNLOADED_MODELS = Set.of("paper-roberta-base.yaml",
            "paper-roberta-large.yaml");

    private static List<Path> configs() throws IOException {
        try (Stream<Path> s = Files.list(CiCellKeysTest.REPO.resolve("configs"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedConfigLoadsAndPlansWithUniqueCellsAndNames() throws IOException {
        List<Path> configs = configs();
        assertTrue(configs.size() >= 6, "configs/ lists " + configs);
        for (Path file : configs) {
            String name = file.getFileName().toString();
            MatrixConfig config = MatrixConfigLoader.loadForPlan(file, MatrixConfigLoaderTest.DATA, null);
            if (NEEDS_DOWNLOADED_MODELS.contains(name)) {
                // the model and the full training sets of the tasks a clone carries subsets of, each with its remedy
                assertTrue(config.missing().stream().allMatch(m -> m.contains("roberta")
                        || m.contains("rose-bench data fetch")), name + ": " + config.missing());
            } else {
                assertEquals(List.of(), config.missing(), name + ": a clone carries every input it needs");
            }
            MatrixPlan plan = MatrixPlan.of(config, ComponentVersions.installed(), ExecutionEnvironment.cpu());
            assertFalse(plan.cells().isEmpty(), name + " plans no cell");
            Set<String> ids = new HashSet<>();
            Set<String> described = new HashSet<>();
            plan.cells().forEach(c -> {
                assertTrue(ids.add(c.id()), name + ": cell id " + c.id() + " planned twice");
                assertTrue(described.add(c.describe()), name + ": two cells read \"" + c.describe() + "\"");
            });
        }
    }
}
