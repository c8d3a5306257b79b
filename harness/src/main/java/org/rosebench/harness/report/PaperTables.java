package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's layout, one table per model and evaluation set (dev = clean, advglue = robust, other eval splits after
 * them): Method | SST-2 | QQP | QNLI | RTE | (others) | Avg, cells mean ± std of accuracy over seeds in percent with
 * the seed count. Avg (mean of the task means) is shown when the table has more than one task. When the table has
 * {@value Methods#BASELINE}, a second table in the same layout gives each other method's Δ to it with its interval.
 */
public final class PaperTables {

    private PaperTables() {}

    public static List<TextTable> build(ReportData data) {
        List<TextTable> out = new ArrayList<>();
        for (String model : data.models()) {
            for (String evaluation : data.evaluations(model)) {
                if (Evaluations.isAccuracy(evaluation)) {
                    out.add(table(data, model, evaluation));
                    if (data.methods(model, evaluation).contains(Methods.BASELINE)
                            && data.methods(model, evaluation).size() > 1) {
                        out.add(deltaTable(data, model, evaluation));
                    }
                }
            }
        }
        return out;
    }

    static TextTable table(ReportData data, String model, String evaluation) {
        List<String> tasks = data.tasks(model, evaluation);
        List<String> methods = data.methods(model, evaluation);
        boolean avg = tasks.size() > 1;
        boolean hasBaseline = methods.contains(Methods.BASELINE);
        String metric = Metrics.ACCURACY;

        List<String> header = new ArrayList<>(List.of("Method"));
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        for (String task : tasks) {
            header.add(data.taskLabel(model, task));
            numeric.add(true);
        }
        if (avg) {
            header.add("Avg");
            numeric.add(true);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String method : methods) {
            List<String> row = new ArrayList<>(List.of(data.methods().label(method)));
            double sum = 0;
            boolean complete = true;
            boolean incomplete = false;
            for (String task : tasks) {
                row.add(CellText.withSeeds(data, model, task, method, evaluation, metric, hasBaseline));
                Stats s = data.stats(model, task, method, evaluation, metric);
                complete &= s.n() > 0;
                incomplete |= data.coverage().incomplete(model, task, method, evaluation);
                sum += s.mean();
            }
            if (avg) {
                String text = complete ? Stats.fixed(sum / tasks.size()) + (incomplete ? CellText.INCOMPLETE : "")
                        : "–";
                String reported = data.paper().get(model, method, "avg", evaluation, metric);
                row.add(reported == null ? text : text + " (paper " + reported + ")");
            }
            rows.add(row);
        }
        List<String> notes = new ArrayList<>();
        notes.add("Accuracy (%), " + ReportNotes.seeds(data.seeds(model, evaluation)) + "; (n=k) = seeds in the cell; "
                + ReportNotes.incomplete(data.coverage().expected(model, evaluation),
                        data.coverage().configKnown())
                + (avg ? " Avg = mean of the task means (– when a task is missing, † when one is incomplete)." : ""));
        notes.add(ReportNotes.significance(data, hasBaseline, false));
        String subset = ReportNotes.subset(data, model, tasks);
        if (subset != null) {
            notes.add(subset);
        }
        if (!data.paper().isEmpty()) {
            notes.add(ReportNotes.paper());
        }
        return new TextTable(FileNames.table(model, evaluation), model + " · " + Evaluations.title(evaluation)
                + ": accuracy (%)", header, numeric, rows, notes);
    }

    /** Method | tasks: Δ to the baseline in points with its interval, one row per other method. */
    static TextTable deltaTable(ReportData data, String model, String evaluation) {
        List<String> tasks = data.tasks(model, evaluation);
        List<String> header = new ArrayList<>(List.of("Method"));
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        for (String task : tasks) {
            header.add(data.taskLabel(model, task));
            numeric.add(true);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String method : data.methods(model, evaluation)) {
            if (method.equals(Methods.BASELINE)) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(data.methods().label(method)));
            for (String task : tasks) {
                row.add(CellText.delta(data.comparison(model, task, method, evaluation), data.alpha()));
            }
            rows.add(row);
        }
        List<String> notes = new ArrayList<>(List.of(ReportNotes.delta(data, "accuracy"),
                ReportNotes.significance(data, true, false)));
        String subset = ReportNotes.subset(data, model, tasks);
        if (subset != null) {
            notes.add(subset);
        }
        return new TextTable(FileNames.table(model, evaluation) + "_delta", model + " · "
                + Evaluations.title(evaluation) + ": Δ accuracy vs " + data.methods().label(Methods.BASELINE)
                + " (points)", header, numeric, rows, notes);
    }
}
