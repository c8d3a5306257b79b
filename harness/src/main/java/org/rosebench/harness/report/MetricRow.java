package org.rosebench.harness.report;

/**
 * One row of the long metrics CSV ({@code model,task,method,seed,evaluation,metric,value}).
 *
 * @param value percent for accuracies and rates; counts and queries as they are; NaN for a mean over nothing
 */
public record MetricRow(String model, String task, String method, long seed, String evaluation, String metric,
        double value) {

    /** The regression key: everything but the value. */
    public record Key(String model, String task, String method, long seed, String evaluation, String metric) {
        @Override
        public String toString() {
            return model + " " + task + " " + method + " seed " + seed + " " + evaluation + " " + metric;
        }
    }

    public Key key() {
        return new Key(model, task, method, seed, evaluation, metric);
    }
}
