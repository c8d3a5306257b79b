package org.rosebench.harness.report;

import static tech.tablesaw.aggregate.AggregateFunctions.countNonMissing;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Mean ± sample std over seeds of every (model, task, method, evaluation, metric), grouped with Tablesaw. Tablesaw
 * treats NaN as missing, so a NaN seed (a TextAttack mean over nothing) is left out of mean, std and n.
 */
public final class SeedAggregates {

    /** What is aggregated over seeds. */
    public record Key(String model, String task, String method, String evaluation, String metric) {}

    private static final String[] GROUP = {"model", "task", "method", "evaluation", "metric"};

    private final Map<Key, Stats> stats;

    private SeedAggregates(Map<Key, Stats> stats) {
        this.stats = stats;
    }

    public static SeedAggregates of(List<MetricRow> rows) {
        Map<Key, Stats> stats = new HashMap<>();
        if (rows.isEmpty()) {
            return new SeedAggregates(stats);
        }
        Table t = Table.create("metrics",
                StringColumn.create("model", rows.stream().map(MetricRow::model)),
                StringColumn.create("task", rows.stream().map(MetricRow::task)),
                StringColumn.create("method", rows.stream().map(MetricRow::method)),
                StringColumn.create("evaluation", rows.stream().map(MetricRow::evaluation)),
                StringColumn.create("metric", rows.stream().map(MetricRow::metric)),
                DoubleColumn.create("value", rows.stream().mapToDouble(MetricRow::value)));
        Table s = t.summarize("value", mean, stdDev, countNonMissing).by(GROUP);
        for (int i = 0; i < s.rowCount(); i++) {
            Key key = new Key(s.stringColumn(0).get(i), s.stringColumn(1).get(i), s.stringColumn(2).get(i),
                    s.stringColumn(3).get(i), s.stringColumn(4).get(i));
            int n = (int) s.numberColumn(GROUP.length + 2).getDouble(i);
            // commons-math gives std 0 for one value; a single seed has no spread to report
            stats.put(key, n == 0 ? Stats.NONE : new Stats(s.numberColumn(GROUP.length).getDouble(i),
                    n > 1 ? s.numberColumn(GROUP.length + 1).getDouble(i) : 0, n));
        }
        return new SeedAggregates(stats);
    }

    public Stats get(String model, String task, String method, String evaluation, String metric) {
        return stats.getOrDefault(new Key(model, task, method, evaluation, metric), Stats.NONE);
    }
}
