package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.rosebench.core.landscape.LandscapeOptions;

/**
 * One table per model and landscape evaluation (docs/landscape.md §5): a row per task and method with its seed
 * count, the loss at the weights, the mean loss increase at each radius and ε-sharpness, mean ± std over seeds.
 * Smaller increases mean a flatter neighbourhood. There is no paired test: a landscape has no per-example outcomes.
 */
public final class LandscapeTables {

    private static final String DEFAULTS = String.format(java.util.Locale.ROOT,
            "dev, 256 examples, radius R = %s, %d directions, seed %d, ε = %s, %d steps",
            Stats.plain(LandscapeOptions.RADIUS), LandscapeOptions.DIRECTIONS, LandscapeOptions.SEED,
            Stats.plain(LandscapeOptions.EPSILON), LandscapeOptions.EPSILON_STEPS);

    private LandscapeTables() {}

    public static List<TextTable> build(ReportData data) {
        List<TextTable> out = new ArrayList<>();
        for (String model : data.models()) {
            for (String evaluation : data.evaluations(model)) {
                if (Evaluations.isLandscape(evaluation)) {
                    out.add(table(data, model, evaluation));
                }
            }
        }
        return out;
    }

    static TextTable table(ReportData data, String model, String evaluation) {
        List<String> increases = increaseMetrics(data, model, evaluation);
        List<String> header = new ArrayList<>(List.of("Task", "Method", "Seeds", "Loss at w"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, true, true));
        for (String m : increases) {
            header.add("Δloss at " + fraction(m) + "R");
            numeric.add(true);
        }
        header.add("ε-sharpness (%)");
        numeric.add(true);
        List<List<String>> rows = new ArrayList<>();
        for (String task : data.tasks(model, evaluation)) {
            for (String method : data.methods(model, evaluation)) {
                if (data.coverage().finished(model, task, method, evaluation) == 0) {
                    continue; // not analysed for this method (a landscape entry's methods)
                }
                List<String> row = new ArrayList<>(List.of(data.taskLabel(model, task), data.methods().label(method),
                        CellText.seeds(data, model, task, method, evaluation)));
                row.add(cell(data, model, task, method, evaluation, Metrics.CENTRE_LOSS, 4));
                for (String m : increases) {
                    row.add(cell(data, model, task, method, evaluation, m, 4));
                }
                row.add(cell(data, model, task, method, evaluation, Metrics.EPSILON_SHARPNESS, 2));
                rows.add(row);
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("Loss = mean cross-entropy (nats) of the fine-tuned weights w on the analysed examples, dropout off. "
                + "Δloss at fR = mean of L(w ± f·R·d) − L(w) over both signs and the random filter-normalised "
                + "directions d (Li et al. 2018); ε-sharpness = 100 · (max L in the box |y_i| ≤ ε(|w_i| + 1) − L(w)) "
                + "/ (1 + L(w)), found by projected sign-gradient ascent (Keskar et al. 2017). Smaller = flatter. "
                + "Settings: the title lists those that differ from the defaults (" + DEFAULTS + "; docs/landscape.md).");
        notes.add(ReportNotes.seeds(data.seeds(model, evaluation)) + "; Seeds = seeds in the row; "
                + ReportNotes.incomplete(data.coverage().expected(model, evaluation), data.coverage().configKnown())
                + " No significance test: a landscape has no per-example outcomes to pair.");
        String subset = ReportNotes.subset(data, model, data.tasks(model, evaluation));
        if (subset != null) {
            notes.add(subset);
        }
        return new TextTable(FileNames.table(model, evaluation), model + " · " + Evaluations.title(evaluation),
                header, numeric, rows, notes);
    }

    /** The loss-increase metrics of the table, by radius fraction. */
    static List<String> increaseMetrics(ReportData data, String model, String evaluation) {
        TreeSet<String> names = new TreeSet<>(Comparator.comparingDouble(LandscapeTables::fractionValue));
        for (MetricRow m : data.metrics()) {
            if (m.model().equals(model) && m.evaluation().equals(evaluation)
                    && m.metric().startsWith(Metrics.LOSS_INCREASE_PREFIX)) {
                names.add(m.metric());
            }
        }
        return List.copyOf(names);
    }

    private static String fraction(String metric) {
        return metric.substring(Metrics.LOSS_INCREASE_PREFIX.length());
    }

    private static double fractionValue(String metric) {
        try {
            return Double.parseDouble(fraction(metric));
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    private static String cell(ReportData data, String model, String task, String method, String evaluation,
            String metric, int decimals) {
        Stats s = data.stats(model, task, method, evaluation, metric);
        boolean fewer = s.n() > 0 && s.n() < data.coverage().finished(model, task, method, evaluation);
        return s.format(decimals) + (fewer ? " (n=" + s.n() + ")" : "");
    }
}
