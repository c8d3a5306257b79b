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

    /** Landscape rows (docs/landscape.md): losses in nats; ε-sharpness in percent of 1 + loss. */
    public static final String CENTRE_LOSS = "centre_loss";
    public static final String LOSS_INCREASE_PREFIX = "loss_increase_r";
    public static final String EPSILON_SHARPNESS = "epsilon_sharpness";
    public static final String EPSILON_MAX_INCREASE = "epsilon_max_increase";

    public static final Comparator<String> ORDERING = Comparator.comparingInt(Metrics::rank)
            .thenComparing(Comparator.naturalOrder());

    private Metrics() {}

    public static boolean isKnown(String metric) {
        return metric.equals(ACCURACY) || ATTACK.contains(metric) || isLandscape(metric);
    }

    public static boolean isLandscape(String metric) {
        return metric.equals(CENTRE_LOSS) || metric.startsWith(LOSS_INCREASE_PREFIX) || metric.equals(EPSILON_SHARPNESS)
                || metric.equals(EPSILON_MAX_INCREASE);
    }

    /** The metric a paired test and a paper value refer to by default for an evaluation. */
    public static String primary(String evaluation) {
        return Evaluations.isLandscape(evaluation) ? EPSILON_SHARPNESS
                : Evaluations.isAttack(evaluation) ? ACCURACY_UNDER_ATTACK : ACCURACY;
    }

    private static int rank(String metric) {
        if (metric.equals(ACCURACY)) {
            return -1;
        }
        if (ATTACK.contains(metric)) {
            return ATTACK.indexOf(metric);
        }
        // landscape: centre, the radii (alphabetical order is numeric order for 0.25, 0.5, 1), then ε
        return metric.equals(CENTRE_LOSS) ? ATTACK.size() : metric.startsWith(LOSS_INCREASE_PREFIX) ? ATTACK.size() + 1
                : metric.equals(EPSILON_SHARPNESS) ? ATTACK.size() + 2 : metric.equals(EPSILON_MAX_INCREASE)
                        ? ATTACK.size() + 3 : ATTACK.size() + 4;
    }
}
