package org.rosebench.harness.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sentences under a table that say what its numbers and markers mean. */
final class ReportNotes {

    static final String MARKER = "*";

    private ReportNotes() {}

    static String seeds(List<Long> seeds) {
        String list = seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return seeds.size() == 1 ? "seed " + list + " (one seed: no std)"
                : "mean ± sample std (n − 1) over seeds " + list + " (just the mean where one seed finished)";
    }

    /** What the marker means, or why there is none. */
    static String significance(ReportData data, boolean hasBaseline, boolean attack) {
        if (!hasBaseline) {
            return "No significance marks: this table has no `" + Methods.BASELINE + "` method to test against.";
        }
        String outcome = attack
                ? "per-example robustness under attack (robust = the attack failed; skipped = originally wrong = not "
                        + "robust)"
                : "per-example correctness";
        // not at the start of the line: Markdown would read "* " as a bullet
        return String.format(Locale.ROOT, "Significance: %s marks p < %s against %s, two-sided %s on %s, same "
                        + "examples, pairs pooled over seeds.", MARKER, alpha(data.alpha()),
                data.methods().label(Methods.BASELINE), data.test().description(), outcome);
    }

    static String paper() {
        return "(paper X) = the value reported in the paper (from --paper).";
    }

    private static String alpha(double alpha) {
        return BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString();
    }
}
