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
        String list = list(seeds);
        return seeds.size() == 1 ? "seed " + list + " (one seed: no std)"
                : "mean ± sample std (n − 1) over seeds " + list + " (just the mean where one seed finished)";
    }

    /** After a task name: its models learned from a subset of the official training set. */
    static final String SUBSET = "‡";

    /** The ‡ footnote, or null when no task of the table was subset-trained. */
    static String subset(ReportData data, String model, List<String> tasks) {
        List<String> marked = tasks.stream().filter(t -> data.subsetTrained(model, t)).map(Tasks::display).toList();
        return marked.isEmpty() ? null : SUBSET + " = trained on a subset of the official training set ("
                + String.join(", ", marked) + "; the config's train_subsets): not comparable with full-data numbers.";
    }

    /** What † says: which seeds every cell should have, and where that comes from. */
    static String incomplete(List<Long> expected, boolean configKnown) {
        return String.format(Locale.ROOT, "%s = incomplete: fewer than the %d expected seed%s (%s: %s).",
                CellText.INCOMPLETE, expected.size(), expected.size() == 1 ? "" : "s", list(expected),
                configKnown ? "the run's config.yaml and any other seed finished in this table"
                        : "every seed finished in this table; the run directory has no config.yaml");
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
        return String.format(Locale.ROOT, "Significance: %s marks p < %s against %s on %s; two-sided %s.", MARKER,
                plain(data.alpha()), data.methods().label(Methods.BASELINE), outcome, data.test().description());
    }

    /** What a Δ cell says. */
    static String delta(ReportData data, String metric) {
        return String.format(Locale.ROOT, "Δ = method − %s %s in points, mean over the seeds both have (n=k; "
                + "\"n=k vs j\" = no seed in common, unpaired), on the examples both evaluated; [low, high] = %s%% "
                + "percentile interval of a %s, which redraws the seeds and one set of examples shared by all seeds "
                + "(each seed measures the same examples).", data.methods().label(Methods.BASELINE), metric,
                confidencePercent(data.alpha()), data.bootstrap().description());
    }

    static String paper() {
        return "(paper X) = the value reported in the paper (from --paper).";
    }

    private static String list(List<Long> seeds) {
        return seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** 95 for alpha 0.05, in decimal arithmetic so that it prints as 95, not 94.99999999999999. */
    static String confidencePercent(double alpha) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(alpha)).movePointRight(2).stripTrailingZeros()
                .toPlainString();
    }
}
