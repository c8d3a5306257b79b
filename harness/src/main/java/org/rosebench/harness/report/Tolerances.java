package org.rosebench.harness.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Absolute tolerances of {@code rose-bench regress}, in the metric's unit: percentage points for accuracies and
 * rates, examples for the succeeded/failed/skipped counts, queries for avg_queries. A tolerance is looked up as
 * {@code EVALUATION:METRIC} (e.g. {@code advglue:accuracy}, {@code attack:textfooler:dev:avg_queries}), then
 * {@code METRIC}, then the fallback.
 *
 * <p>The defaults allow roughly one flipped example on the small sets (AdvGLUE dev has 81–148 examples per task, an
 * attack typically 100) and are meant to be re-tuned from the measured seed spread.
 */
public final class Tolerances {

    /** Fallback for metrics the table does not name. */
    public static final double FALLBACK = 1.0;

    /** Default tolerances; see the class comment for units. */
    public static final Map<String, Double> DEFAULTS = defaultTable();

    private final Map<String, Double> byKey;
    private final double fallback;

    private Tolerances(Map<String, Double> byKey, double fallback) {
        this.byKey = byKey;
        this.fallback = fallback;
    }

    private static Map<String, Double> defaultTable() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("accuracy", 1.0);                   // GLUE dev: 277 (RTE) to 40k (QQP) examples
        d.put("advglue:accuracy", 2.0);           // AdvGLUE dev: one example of 81 is 1.2 points
        d.put("original_accuracy", 1.0);
        d.put("accuracy_under_attack", 2.0);
        d.put("attack_success_rate", 3.0);        // its denominator (attacked examples) is smaller still
        d.put("avg_perturbed_word_percent", 1.0);
        d.put("avg_words_per_input", 0.01);       // depends on the data only
        d.put("avg_queries", 5.0);                // queries
        d.put("succeeded", 2.0);                  // examples
        d.put("failed", 2.0);
        d.put("skipped", 2.0);
        return Collections.unmodifiableMap(d);
    }

    public static Tolerances defaults() {
        return new Tolerances(new LinkedHashMap<>(DEFAULTS), FALLBACK);
    }

    /** {@code --tolerance X}: every metric gets X (the defaults table is dropped). */
    public Tolerances withAll(double tolerance) {
        check(tolerance);
        return new Tolerances(new LinkedHashMap<>(), tolerance);
    }

    /** {@code --tolerance KEY=X} for KEY = METRIC or EVALUATION:METRIC. */
    public Tolerances with(String key, double tolerance) {
        check(tolerance);
        String metric = key.substring(key.lastIndexOf(':') + 1);
        if (!Metrics.isKnown(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "' in tolerance key '" + key
                    + "' (known: " + Metrics.ACCURACY + ", " + String.join(", ", Metrics.ATTACK) + ", "
                    + Metrics.CENTRE_LOSS + ", " + Metrics.LOSS_INCREASE_PREFIX + "<fraction>, "
                    + Metrics.EPSILON_SHARPNESS + ", " + Metrics.EPSILON_MAX_INCREASE + ")");
        }
        Map<String, Double> m = new LinkedHashMap<>(byKey);
        m.put(key, tolerance);
        return new Tolerances(m, fallback);
    }

    public double of(String evaluation, String metric) {
        Double specific = byKey.get(evaluation + ":" + metric);
        if (specific != null) {
            return specific;
        }
        return byKey.getOrDefault(metric, fallback);
    }

    private static void check(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
        }
    }
}
