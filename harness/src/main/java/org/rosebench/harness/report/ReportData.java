package org.rosebench.harness.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything the tables and plots read from one run: its rows, long metrics, seed aggregates, seed coverage,
 * comparisons with the baseline and the optional paper values.
 *
 * @param alpha significance level of the marker; the intervals are (1 − alpha) intervals, so that the marker and
 *              the interval speak about the same level
 */
public record ReportData(List<ResultRow> rows, Methods methods, List<MetricRow> metrics, SeedAggregates stats,
        SeedCoverage coverage, Significance significance, PairedTest test, PairedBootstrap bootstrap, double alpha,
        PaperValues paper) {

    /**
     * @param configuredSeeds the seeds the run's config asks for ({@link ConfiguredSeeds}), empty when unknown
     */
    public static ReportData of(List<ResultRow> rows, PairedTest test, PairedBootstrap bootstrap, double alpha,
            PaperValues paper, List<Long> configuredSeeds) {
        Methods methods = Methods.of(rows);
        List<MetricRow> metrics = LongMetrics.of(rows);
        return new ReportData(rows, methods, metrics, SeedAggregates.of(metrics),
                SeedCoverage.of(rows, configuredSeeds), Significance.of(rows, test, bootstrap, 1 - alpha), test,
                bootstrap, alpha, paper.resolve(methods));
    }

    /** With the default bootstrap and the expected seeds taken from the rows alone. */
    public static ReportData of(List<ResultRow> rows, PairedTest test, double alpha, PaperValues paper) {
        return of(rows, test, new PairedBootstrap(PairedBootstrap.DEFAULT_SAMPLES, PairedBootstrap.DEFAULT_SEED),
                alpha, paper, List.of());
    }

    /** Whether any model of {@code model} × {@code task} was trained on a subset of the official training set. */
    public boolean subsetTrained(String model, String task) {
        return rows.stream().anyMatch(r -> r.model().equals(model) && r.task().equals(task)
                && ResultRow.SUBSET.equals(r.trainData()));
    }

    /** The task's display name, with {@link ReportNotes#SUBSET} when it was trained on a subset. */
    public String taskLabel(String model, String task) {
        return Tasks.display(task) + (subsetTrained(model, task) ? ReportNotes.SUBSET : "");
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

    /** The comparison with the baseline, or null. */
    public Comparison comparison(String model, String task, String method, String evaluation) {
        return significance.comparison(model, task, method, evaluation);
    }

    private <T> List<T> distinct(Predicate<MetricRow> filter, Function<MetricRow, T> field, Comparator<T> order) {
        return metrics.stream().filter(filter).map(field).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> new TreeSet<>(order))).stream().toList();
    }
}
