package org.rosebench.harness.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many seeds each table cell has against how many it should have: the configured seeds together with every seed
 * that finished anywhere in the same table (model and evaluation). So a cell short of seeds is flagged even when the
 * config is not known, and a seed that finished for one method counts as missing for the others.
 */
public final class SeedCoverage {

    private record Cell(String model, String task, String method, String evaluation) {}

    private record Table(String model, String evaluation) {}

    private final Map<Cell, Set<Long>> finished;
    private final Map<Table, Set<Long>> expected;
    private final boolean configKnown;

    private SeedCoverage(Map<Cell, Set<Long>> finished, Map<Table, Set<Long>> expected, boolean configKnown) {
        this.finished = finished;
        this.expected = expected;
        this.configKnown = configKnown;
    }

    /** @param configured the config's seeds, empty when unknown */
    public static SeedCoverage of(List<ResultRow> rows, List<Long> configured) {
        Map<Cell, Set<Long>> finished = new HashMap<>();
        Map<Table, Set<Long>> expected = new HashMap<>();
        for (ResultRow r : rows) {
            if (r.evaluation() == null) {
                continue;
            }
            finished.computeIfAbsent(new Cell(r.model(), r.task(), r.method(), r.evaluation()), c -> new TreeSet<>())
                    .add(r.seed());
            // a kind the plan runs on some seeds only (landscapes) expects those seeds instead of the config's
            expected.computeIfAbsent(new Table(r.model(), r.evaluation()),
                    t -> new TreeSet<>(r.expectedSeeds() != null ? r.expectedSeeds() : configured)).add(r.seed());
        }
        return new SeedCoverage(finished, expected, !configured.isEmpty());
    }

    /** Seeds with a finished result for this model, task, method and evaluation. */
    public int finished(String model, String task, String method, String evaluation) {
        return finished.getOrDefault(new Cell(model, task, method, evaluation), Set.of()).size();
    }

    /** The seeds every cell of this model's evaluation table should have, ascending. */
    public List<Long> expected(String model, String evaluation) {
        return List.copyOf(expected.getOrDefault(new Table(model, evaluation), Set.of()));
    }

    /** Whether the configured seeds were known (otherwise only the finished seeds say what to expect). */
    public boolean configKnown() {
        return configKnown;
    }

    public boolean incomplete(String model, String task, String method, String evaluation) {
        return finished(model, task, method, evaluation) < expected(model, evaluation).size();
    }
}
