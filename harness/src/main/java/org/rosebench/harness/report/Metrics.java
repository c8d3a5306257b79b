package org.rosebench.harness.report;

import java.util.Comparator;
import java.util.List;

/** Metric names of the long metrics CSV, in the order the tables and the CSV list them. */
public final class Metrics {

    /** dev / advglue accuracy in percent. */
    public static final String ACCURACY = "accuracy";
    public static final String ORIGINAL_ACCURACY = "original_accuracy";
    public static final String ACCURACY_UNDER_ATTACK = "accuracy_under_attack";
    public static final String ATTACK_SUCCESS_RATE = "attack_success_rate";
    public static final String AVG_PERTURBED_WORD_PERCENT = "avg_perturbed_word_percent";
    public static final String AVG_QUERIES = "avg_queries";

    /** TextAttack's summary metrics as {@code result.json} names them (docs/result-store.md). */
    public static final List<String> ATTACK = List.of("succeeded", "failed", "skipped", ORIGINAL_ACCURACY,
            ACCURACY_UNDER_ATTACK, ATTACK_SUCCESS_RATE, AVG_PERTURBED_WORD_PERCENT, "avg_words_per_input",
            AVG_QUERIES);

    public static final Comparator<String> ORDERING = Comparator.comparingInt(Metrics::rank)
            .thenComparing(Comparator.naturalOrder());

    private Metrics() {}

    public static boolean isKnown(String metric) {
        return metric.equals(ACCURACY) || ATTACK.contains(metric);
    }

    /** The metric a paired test and a paper value refer to by default for an evaluation. */
    public static String primary(String evaluation) {
        return Evaluations.isAttack(evaluation) ? ACCURACY_UNDER_ATTACK : ACCURACY;
    }

    private static int rank(String metric) {
        return metric.equals(ACCURACY) ? -1 : ATTACK.contains(metric) ? ATTACK.indexOf(metric) : ATTACK.size();
    }
}
