package org.rosebench.harness.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything the tables and plots read from one run: its rows, long metrics, seed aggregates, p-values against the
 * baseline and the optional paper values.
 */
public record ReportData(List<ResultRow> rows, Methods methods, List<MetricRow> metrics, SeedAggregates stats,
        Significance significance, PairedTest test, double alpha, PaperValues paper) {

    public static ReportData of(List<ResultRow> rows, PairedTest test, double alpha, PaperValues paper) {
        Methods methods = Methods.of(rows);
        List<MetricRow> metrics = LongMetrics.of(rows);
        return new ReportData(rows, methods, metrics, SeedAggregates.of(metrics), Significance.of(rows, test), test,
                alpha, paper.resolve(methods));
    }

    public List<String> models() {
        return distinct(m -> true, MetricRow::model, String::compareTo);
    }

    public List<String> evaluations(String model) {
        return distinct(m -> m.model().equals(model), MetricRow::evaluation, Evaluations.ORDERING);
    }

    public List<String> tasks(String model, String evaluation) {
        return distinct(m -> m.model().equals(model) && m.evaluation().equals(evaluation), MetricRow::task,
                Tasks.ORDERING);
    }

    public List<String> methods(String model, String evaluation) {
        return distinct(m -> m.model().equals(model) && m.evaluation().equals(evaluation), MetricRow::method,
                methods.ordering());
    }

    public List<Long> seeds(String model, String evaluation) {
        return metrics.stream().filter(m -> m.model().equals(model) && m.evaluation().equals(evaluation))
                .map(MetricRow::seed).collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    public Stats stats(String model, String task, String method, String evaluation, String metric) {
        return stats.get(model, task, method, evaluation, metric);
    }

    /** "85.10 ± 0.42*" (marker when p < alpha) plus " (paper 86.0)" when a paper value is given. */
    public String cell(String model, String task, String method, String evaluation, String metric, boolean tested) {
        Stats s = stats(model, task, method, evaluation, metric);
        Double p = tested ? significance.pValue(model, task, method, evaluation) : null;
        String text = s.format() + (p != null && p < alpha ? ReportNotes.MARKER : "");
        String reported = paper.get(model, method, task, evaluation, metric);
        return reported == null ? text : text + " (paper " + reported + ")";
    }

    private <T> List<T> distinct(Predicate<MetricRow> filter, Function<MetricRow, T> field, Comparator<T> order) {
        return metrics.stream().filter(filter).map(field).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> new TreeSet<>(order))).stream().toList();
    }
}
