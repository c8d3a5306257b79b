package org.rosebench.harness.report;

import java.util.Comparator;
import java.util.List;

/**
 * Names of evaluation sets as the long metrics CSV spells them: {@code dev}, {@code advglue} (or another eval split)
 * and {@code attack:<recipe>:<split>}.
 */
public final class Evaluations {

    public static final String DEV = "dev";
    public static final String ADVGLUE = "advglue";
    private static final String ATTACK_PREFIX = "attack:";
    private static final String LANDSCAPE_PREFIX = "landscape:";

    /** dev, advglue, other eval splits alphabetically, then attacks, then landscapes, each alphabetically. */
    public static final Comparator<String> ORDERING = Comparator
            .comparingInt(Evaluations::rank)
            .thenComparing(Comparator.naturalOrder());

    private Evaluations() {}

    public static String attack(String recipe, String split) {
        return ATTACK_PREFIX + recipe + ":" + split;
    }

    public static boolean isAttack(String evaluation) {
        return evaluation.startsWith(ATTACK_PREFIX);
    }

    /** A loss-landscape analysis: {@code landscape:<split>[:settings that differ from the defaults]}. */
    public static boolean isLandscape(String evaluation) {
        return evaluation.startsWith(LANDSCAPE_PREFIX);
    }

    /** An accuracy on an evaluation set (dev, advglue, other splits): neither an attack nor a landscape. */
    public static boolean isAccuracy(String evaluation) {
        return !isAttack(evaluation) && !isLandscape(evaluation);
    }

    /** {@code [recipe, split]} of an attack evaluation. */
    public static List<String> recipeAndSplit(String evaluation) {
        String rest = evaluation.substring(ATTACK_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        return colon < 0 ? List.of(rest, "") : List.of(rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** Human title: "GLUE dev (clean)", "AdvGLUE dev (robust)", "textfooler attack on dev". */
    public static String title(String evaluation) {
        if (evaluation.equals(DEV)) {
            return "GLUE dev (clean)";
        }
        if (evaluation.equals(ADVGLUE)) {
            return "AdvGLUE dev (robust)";
        }
        if (isAttack(evaluation)) {
            List<String> rs = recipeAndSplit(evaluation);
            return rs.get(0) + " attack on " + rs.get(1);
        }
        if (isLandscape(evaluation)) {
            String rest = evaluation.substring(LANDSCAPE_PREFIX.length());
            int colon = rest.indexOf(':');
            return "loss landscape on " + (colon < 0 ? rest : rest.substring(0, colon) + " (" + rest.substring(colon + 1)
                    .replace(",", ", ") + ")");
        }
        return evaluation;
    }

    private static int rank(String evaluation) {
        if (evaluation.equals(DEV)) {
            return 0;
        }
        if (evaluation.equals(ADVGLUE)) {
            return 1;
        }
        return isLandscape(evaluation) ? 4 : isAttack(evaluation) ? 3 : 2;
    }
}
