package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable diff of {@code rose-bench regress}: an aligned Markdown table and a one-line summary. */
public final class RegressionReport {

    public static final List<String> HEADER = List.of("model", "task", "method", "seed", "evaluation", "metric",
            "reference", "actual", "delta", "tolerance", "status");

    private RegressionReport() {}

    /** The diff table of the given rows (all rows with {@code all}, else everything but OK). */
    public static String table(List<Regression.Diff> diffs, boolean all) {
        List<List<String>> rows = new ArrayList<>();
        for (Regression.Diff d : diffs) {
            if (all || d.status() != Regression.Status.OK) {
                rows.add(cells(d));
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        int[] width = new int[HEADER.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = HEADER.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder(line(HEADER, width));
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        sb.append(rule).append('\n');
        for (List<String> r : rows) {
            sb.append(line(r, width));
        }
        return sb.toString();
    }

    /** "regress: 40 rows: 38 ok, 1 outside tolerance, 1 missing, 0 unexpected". */
    public static String summary(List<Regression.Diff> diffs) {
        Map<Regression.Status, Integer> n = counts(diffs);
        return String.format(Locale.ROOT, "regress: %d rows: %d ok, %d outside tolerance, %d missing, %d unexpected%s",
                diffs.size(), n.get(Regression.Status.OK), n.get(Regression.Status.FAIL),
                n.get(Regression.Status.MISSING), n.get(Regression.Status.UNEXPECTED),
                Regression.passed(diffs) ? "" : " -> REGRESSION");
    }

    public static Map<Regression.Status, Integer> counts(List<Regression.Diff> diffs) {
        Map<Regression.Status, Integer> n = new EnumMap<>(Regression.Status.class);
        for (Regression.Status s : Regression.Status.values()) {
            n.put(s, 0);
        }
        diffs.forEach(d -> n.merge(d.status(), 1, Integer::sum));
        return n;
    }

    public static List<String> cells(Regression.Diff d) {
        MetricRow.Key k = d.key();
        boolean both = !Double.isNaN(d.reference()) && !Double.isNaN(d.actual());
        return List.of(k.model(), k.task(), k.method(), String.valueOf(k.seed()), k.evaluation(), k.metric(),
                value(d.reference(), d.status() == Regression.Status.UNEXPECTED),
                value(d.actual(), d.status() == Regression.Status.MISSING),
                both ? String.format(Locale.ROOT, "%+.4f", d.delta()) : "",
                MetricsCsv.format(d.tolerance()).replaceAll("0+$", "").replaceAll("\\.$", ""),
                d.status().name());
    }

    private static String value(double v, boolean absent) {
        return absent ? "" : MetricsCsv.format(v);
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            sb.append(' ').append(String.format(Locale.ROOT, "%-" + width[i] + "s", cells.get(i))).append(" |");
        }
        return sb.append('\n').toString();
    }
}
