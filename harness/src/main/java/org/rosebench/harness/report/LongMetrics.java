package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The long metrics of a run: one {@link MetricRow} per eval/attack row and metric, sorted for stable output. */
public final class LongMetrics {

    private LongMetrics() {}

    public static List<MetricRow> of(List<ResultRow> rows) {
        Methods methods = Methods.of(rows);
        List<MetricRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                out.add(new MetricRow(r.model(), r.task(), r.method(), r.seed(), r.evaluation(), m.getKey(),
                        m.getValue()));
            }
        }
        out.sort(ordering(methods));
        return out;
    }

    /** model, task (paper order), method (config order), seed, evaluation (dev, advglue, attacks), metric. */
    public static Comparator<MetricRow> ordering(Methods methods) {
        return Comparator.comparing(MetricRow::model)
                .thenComparing(MetricRow::task, Tasks.ORDERING)
                .thenComparing(MetricRow::method, methods.ordering())
                .thenComparingLong(MetricRow::seed)
                .thenComparing(MetricRow::evaluation, Evaluations.ORDERING)
                .thenComparing(MetricRow::metric, Metrics.ORDERING);
    }
}
