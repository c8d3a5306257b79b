package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One table per model and attack (recipe and split): a row per task and method with its seed count, TextAttack's
 * metrics (mean ± std over seeds) and the Δ of accuracy under attack to {@value Methods#BASELINE} with its interval.
 * The significance marker sits on accuracy under attack.
 */
public final class AttackTables {

    private static final List<String> METRICS = List.of(Metrics.ORIGINAL_ACCURACY, Metrics.ACCURACY_UNDER_ATTACK,
            Metrics.ATTACK_SUCCESS_RATE, Metrics.AVG_PERTURBED_WORD_PERCENT, Metrics.AVG_QUERIES);
    private static final List<String> HEADER = List.of("Task", "Method", "Seeds", "Orig. acc.", "Acc. under attack",
            "Attack success", "Perturbed words", "Queries", "Δ acc. under attack");

    private AttackTables() {}

    public static List<TextTable> build(ReportData data) {
        List<TextTable> out = new ArrayList<>();
        for (String model : data.models()) {
            for (String evaluation : data.evaluations(model)) {
                if (Evaluations.isAttack(evaluation)) {
                    out.add(table(data, model, evaluation));
                }
            }
        }
        return out;
    }

    static TextTable table(ReportData data, String model, String evaluation) {
        List<String> methods = data.methods(model, evaluation);
        boolean hasBaseline = methods.contains(Methods.BASELINE);
        List<List<String>> rows = new ArrayList<>();
        for (String task : data.tasks(model, evaluation)) {
            for (String method : methods) {
                if (data.stats(model, task, method, evaluation, Metrics.ACCURACY_UNDER_ATTACK).n() == 0
                        && data.stats(model, task, method, evaluation, Metrics.ORIGINAL_ACCURACY).n() == 0) {
                    continue; // this method was not attacked on this task
                }
                List<String> row = new ArrayList<>(List.of(data.taskLabel(model, task), data.methods().label(method),
                        CellText.seeds(data, model, task, method, evaluation)));
                for (String metric : METRICS) {
                    row.add(CellText.inSeedsRow(data, model, task, method, evaluation, metric,
                            hasBaseline && metric.equals(Metrics.ACCURACY_UNDER_ATTACK)));
                }
                row.add(method.equals(Methods.BASELINE) ? "–"
                        : CellText.delta(data.comparison(model, task, method, evaluation), data.alpha()));
                rows.add(row);
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("TextAttack's metrics: original accuracy, accuracy under attack, attack success rate and perturbed "
                + "words in %, queries = average victim queries per attacked example; "
                + ReportNotes.seeds(data.seeds(model, evaluation)) + "; Seeds = seeds in the row, (n=k) after a value "
                + "= only k of them define it (NaN otherwise); "
                + ReportNotes.incomplete(data.coverage().expected(model, evaluation),
                        data.coverage().configKnown()));
        notes.add(ReportNotes.significance(data, hasBaseline, true) + (hasBaseline ? " Marked on accuracy under attack." : ""));
        if (hasBaseline) {
            notes.add(ReportNotes.delta(data, "accuracy under attack"));
        }
        String subset = ReportNotes.subset(data, model, data.tasks(model, evaluation));
        if (subset != null) {
            notes.add(subset);
        }
        if (!data.paper().isEmpty()) {
            notes.add(ReportNotes.paper());
        }
        return new TextTable(FileNames.table(model, evaluation), model + " · " + Evaluations.title(evaluation),
                HEADER, List.of(false, false, true, true, true, true, true, true, true), rows, notes);
    }
}
