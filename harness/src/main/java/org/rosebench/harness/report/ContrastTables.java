package org.rosebench.harness.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The user's contrasts ({@link Contrast}) per model: one row per contrast, one column per evaluation and task, each
 * cell Δ = treatment − control with its interval, seeds and p-value; the same numbers in {@code contrasts.csv} with
 * Holm-adjusted p-values over all cells of the model (the family a reader scans at once).
 */
public final class ContrastTables {

    public static final String[] HEADER = {"model", "evaluation", "task", "treatment", "control", "delta", "ci_low",
        "ci_high", "p_value", "p_holm", "test", "n_seeds", "n_control_seeds", "paired_seeds", "n_examples"};

    /** One cell of a contrast table. */
    public record Cell(String model, String evaluation, String task, Contrast contrast, Comparison comparison,
            Double holm) {}

    private final ReportData data;
    private final List<Cell> cells;

    private ContrastTables(ReportData data, List<Cell> cells) {
        this.data = data;
        this.cells = cells;
    }

    /** Resolves the contrasts against the run's methods and computes every cell. */
    public static ContrastTables of(ReportData data, List<Contrast> contrasts) {
        List<String> specs = data.rows().stream().map(ResultRow::method).distinct().toList();
        List<Contrast> resolved = contrasts.stream().map(c -> c.resolve(data.methods(), specs)).toList();
        Map<String, Significance> byControl = new LinkedHashMap<>();
        List<Cell> cells = new ArrayList<>();
        for (String model : data.models()) {
            List<Cell> family = new ArrayList<>();
            for (Contrast c : resolved) {
                Significance s = byControl.computeIfAbsent(c.control(), control -> Significance.against(control,
                        data.rows(), data.test(), data.bootstrap(), 1 - data.alpha()));
                for (String evaluation : data.evaluations(model)) {
                    for (String task : data.tasks(model, evaluation)) {
                        Comparison comparison = s.comparison(model, task, c.treatment(), evaluation);
                        if (comparison != null) {
                            family.add(new Cell(model, evaluation, task, c, comparison, null));
                        }
                    }
                }
            }
            cells.addAll(holm(family));
        }
        return new ContrastTables(data, cells);
    }

    public List<Cell> cells() {
        return cells;
    }

    /** Holm's step-down adjustment over the cells that have a p-value; the others keep null. */
    static List<Cell> holm(List<Cell> family) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            if (family.get(i).comparison().pValue() != null) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble(i -> family.get(i).comparison().pValue()));
        Double[] adjusted = new Double[family.size()];
        double running = 0;
        int m = order.size();
        for (int rank = 0; rank < m; rank++) {
            int i = order.get(rank);
            running = Math.max(running, Math.min(1.0, (m - rank) * family.get(i).comparison().pValue()));
            adjusted[i] = running;
        }
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            Cell c = family.get(i);
            out.add(new Cell(c.model(), c.evaluation(), c.task(), c.contrast(), c.comparison(), adjusted[i]));
        }
        return out;
    }

    /** One table per model with at least one cell. */
    public List<TextTable> tables() {
        List<TextTable> out = new ArrayList<>();
        for (String model : data.models()) {
            List<Cell> mine = cells.stream().filter(c -> c.model().equals(model)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<String[]> columns = new ArrayList<>(); // evaluation, task
            for (String evaluation : data.evaluations(model)) {
                for (String task : data.tasks(model, evaluation)) {
                    if (mine.stream().anyMatch(c -> c.evaluation().equals(evaluation) && c.task().equals(task))) {
                        columns.add(new String[] {evaluation, task});
                    }
                }
            }
            List<String> header = new ArrayList<>(List.of("Contrast (Δ = first − second)"));
            List<Boolean> numeric = new ArrayList<>(List.of(false));
            for (String[] col : columns) {
                header.add(Evaluations.title(col[0]) + " · " + data.taskLabel(model, col[1]));
                numeric.add(true);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Contrast contrast : mine.stream().map(Cell::contrast).distinct().toList()) {
                List<String> row = new ArrayList<>(List.of(data.methods().label(contrast.treatment()) + " − "
                        + data.methods().label(contrast.control())));
                for (String[] col : columns) {
                    row.add(mine.stream().filter(c -> c.contrast().equals(contrast) && c.evaluation().equals(col[0])
                            && c.task().equals(col[1])).findFirst().map(this::text).orElse("–"));
                }
                rows.add(row);
            }
            List<String> notes = List.of(String.format(Locale.ROOT, "Δ = first − second method's accuracy in points "
                    + "(under attack: accuracy under attack), mean over the seeds both have (n=k; \"n=k vs j\" = "
                    + "unpaired), on the examples both evaluated; [low, high] = %s%% percentile interval of a %s.",
                    ReportNotes.confidencePercent(data.alpha()), data.bootstrap().description()),
                    String.format(Locale.ROOT, "p = two-sided %s; %s marks Holm-adjusted p < %s over the %d cells of "
                            + "this table (contrasts.csv has both p-values).", data.test().description(),
                            ReportNotes.MARKER, ReportNotes.plain(data.alpha()),
                            mine.stream().filter(c -> c.holm() != null).count()));
            out.add(new TextTable(FileNames.table(model, "contrasts"), model + " · contrasts between methods",
                    header, numeric, rows, notes));
        }
        return out;
    }

    private String text(Cell c) {
        Comparison k = c.comparison();
        String seeds = k.pairedSeeds() ? "n=" + k.methodSeeds() : "n=" + k.methodSeeds() + " vs " + k.baselineSeeds();
        String p = k.pValue() == null ? "" : " p=" + significant(k.pValue(), 2);
        boolean marked = c.holm() != null && c.holm() < data.alpha();
        return CellText.signed(k.delta()) + " [" + CellText.signed(k.ciLow()) + ", " + CellText.signed(k.ciHigh())
                + "] (" + seeds + ")" + p + (marked ? ReportNotes.MARKER : "");
    }

    /** {@code contrasts.csv}: one row per cell, in table order. */
    public String csv() {
        StringWriter w = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get();
        try (CSVPrinter p = new CSVPrinter(w, format)) {
            for (Cell c : cells) {
                Comparison k = c.comparison();
                p.printRecord(c.model(), c.evaluation(), c.task(), c.contrast().treatment(), c.contrast().control(),
                        MetricsCsv.format(k.delta()), MetricsCsv.format(k.ciLow()), MetricsCsv.format(k.ciHigh()),
                        k.pValue() == null ? "" : significant(k.pValue(), 4),
                        c.holm() == null ? "" : significant(c.holm(), 4), k.test(), k.methodSeeds(),
                        k.baselineSeeds(), k.pairedSeeds(), k.examples());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String significant(double p, int digits) {
        return new BigDecimal(p).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
