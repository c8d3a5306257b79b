package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares a run's long metrics with a reference, key by key (model, task, method, seed, evaluation, metric). */
public final class Regression {

    /** OK within tolerance, FAIL outside it, MISSING from the run, UNEXPECTED (not in the reference; not a failure). */
    public enum Status { OK, FAIL, MISSING, UNEXPECTED }

    /**
     * One compared key.
     *
     * @param reference NaN when unexpected
     * @param actual    NaN when missing (values as {@link MetricsCsv} writes them)
     */
    public record Diff(MetricRow.Key key, double reference, double actual, double tolerance, Status status) {
        public double delta() {
            return actual - reference;
        }
    }

    private Regression() {}

    /** Reference keys in reference order, then unexpected keys in run order. */
    public static List<Diff> compare(List<MetricRow> reference, List<MetricRow> actual, Tolerances tolerances) {
        Map<MetricRow.Key, Double> run = new LinkedHashMap<>();
        for (MetricRow r : actual) {
            run.put(r.key(), MetricsCsv.round(r.value()));
        }
        List<Diff> out = new ArrayList<>();
        for (MetricRow ref : reference) {
            MetricRow.Key key = ref.key();
            double tol = tolerances.of(key.evaluation(), key.metric());
            Double value = run.remove(key);
            if (value == null) {
                out.add(new Diff(key, ref.value(), Double.NaN, tol, Status.MISSING));
            } else {
                out.add(new Diff(key, ref.value(), value, tol, within(ref.value(), value, tol)
                        ? Status.OK : Status.FAIL));
            }
        }
        run.forEach((key, value) -> out.add(new Diff(key, Double.NaN, value,
                tolerances.of(key.evaluation(), key.metric()), Status.UNEXPECTED)));
        return out;
    }

    /** NaN matches only NaN (a mean over nothing in both runs). */
    static boolean within(double reference, double actual, double tolerance) {
        if (Double.isNaN(reference) || Double.isNaN(actual)) {
            return Double.isNaN(reference) && Double.isNaN(actual);
        }
        // the epsilon absorbs binary noise in values read back from 4-decimal text
        return Math.abs(actual - reference) <= tolerance + 1e-9;
    }

    /** Regression means a value outside tolerance or a reference row the run no longer produces. */
    public static boolean passed(List<Diff> diffs) {
        return diffs.stream().noneMatch(d -> d.status() == Status.FAIL || d.status() == Status.MISSING);
    }
}
