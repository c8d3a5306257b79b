package org.rosebench.harness.report;

import java.util.Locale;

/** The text of table cells: mean ± std with its seed count, the markers, Δ with its interval. */
final class CellText {

    /** After a seed count: the cell has fewer seeds than expected. */
    static final String INCOMPLETE = "†";

    private CellText() {}

    /**
     * "85.10 ± 0.42 (n=3)", "(n=2†)" when the cell has fewer seeds than expected, the significance marker when
     * {@code tested} and p &lt; alpha, then " (paper X)"; "–" for no value.
     */
    static String withSeeds(ReportData data, String model, String task, String method, String evaluation,
            String metric, boolean tested) {
        Stats s = data.stats(model, task, method, evaluation, metric);
        String text = s.n() == 0 ? s.format()
                : s.format() + " (n=" + s.n() + (data.coverage().incomplete(model, task, method, evaluation)
                        ? INCOMPLETE : "") + ")";
        return text + marker(data, model, task, method, evaluation, tested) + paper(data, model, task, method,
                evaluation, metric);
    }

    /**
     * For tables with a seeds column: "85.10 ± 0.42", with "(n=k)" only when NaN values (a TextAttack mean over
     * nothing) left this metric with fewer seeds than the row has.
     */
    static String inSeedsRow(ReportData data, String model, String task, String method, String evaluation,
            String metric, boolean tested) {
        Stats s = data.stats(model, task, method, evaluation, metric);
        boolean fewer = s.n() > 0 && s.n() < data.coverage().finished(model, task, method, evaluation);
        return s.format() + (fewer ? " (n=" + s.n() + ")" : "") + marker(data, model, task, method, evaluation, tested)
                + paper(data, model, task, method, evaluation, metric);
    }

    /** "3", or "2 of 3†" for a cell with fewer seeds than expected. */
    static String seeds(ReportData data, String model, String task, String method, String evaluation) {
        int finished = data.coverage().finished(model, task, method, evaluation);
        return data.coverage().incomplete(model, task, method, evaluation)
                ? finished + " of " + data.coverage().expected(model, evaluation).size() + INCOMPLETE
                : String.valueOf(finished);
    }

    /**
     * "+1.15 [-0.30, +2.60] (n=3)*": Δ in points, its interval, the seeds compared ("n=3 vs 2" when they could not
     * pair), the marker; "–" without a comparison.
     */
    static String delta(Comparison c, double alpha) {
        if (c == null) {
            return "–";
        }
        String seeds = c.pairedSeeds() ? "n=" + c.methodSeeds() : "n=" + c.methodSeeds() + " vs " + c.baselineSeeds();
        return signed(c.delta()) + " [" + signed(c.ciLow()) + ", " + signed(c.ciHigh()) + "] (" + seeds + ")"
                + (c.significant(alpha) ? ReportNotes.MARKER : "");
    }

    static String signed(double points) {
        // -0.00 would suggest a sign the rounding removed
        String s = String.format(Locale.ROOT, "%+.2f", points);
        return s.equals("-0.00") ? "+0.00" : s;
    }

    private static String marker(ReportData data, String model, String task, String method, String evaluation,
            boolean tested) {
        Comparison c = tested ? data.comparison(model, task, method, evaluation) : null;
        return c != null && c.significant(data.alpha()) ? ReportNotes.MARKER : "";
    }

    private static String paper(ReportData data, String model, String task, String method, String evaluation,
            String metric) {
        String reported = data.paper().get(model, method, task, evaluation, metric);
        return reported == null ? "" : " (paper " + reported + ")";
    }
}
