package org.rosebench.harness.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The user's contrasts ({@link Contrast}) per model: one row per contrast, one column per evaluation and task, each
 * cell Δ = treatment − control with its interval, seeds and p-value; the same numbers in {@code contrasts.csv} with
 * Holm-adjusted p-values over all cells of the model (the family a reader scans at once); and a verdict per cell on
 * the claim that the first method is better ({@link ClaimVerdict}), in table {@code MODEL_verdicts} and the CSV.
 */
public final class ContrastTables {

    public static final String[] HEADER = {"model", "evaluation", "task", "treatment", "control", "delta", "ci_low",
        "ci_high", "p_value", "p_holm", "test", "n_seeds", "n_control_seeds", "paired_seeds", "n_examples",
        "verdict", "data_factor", "examples_needed", "seeds_needed"};

    /** One cell of a contrast table. */
    public record Cell(String model, String evaluation, String task, Contrast contrast, Comparison comparison,
            Double holm) {}

    private final ReportData data;
    private final List<Contrast> contrasts;
    private final List<Cell> cells;
    private final ClaimVerdict.Rule rule;

    private ContrastTables(ReportData data, List<Contrast> contrasts, List<Cell> cells, ClaimVerdict.Rule rule) {
        this.data = data;
        this.contrasts = contrasts;
        this.cells = cells;
        this.rule = rule;
    }

    /** As {@link #of(ReportData, List, ClaimVerdict.Rule)} with {@link ClaimVerdict.Rule#defaults}. */
    public static ContrastTables of(ReportData data, List<Contrast> contrasts) {
        return of(data, contrasts, ClaimVerdict.Rule.defaults(data.alpha()));
    }

    /**
     * Resolves the contrasts against the run's methods and computes every cell, and the verdict on each by
     * {@code rule} (read as the claim "the first method is better than the second").
     */
    public static ContrastTables of(ReportData data, List<Contrast> contrasts, ClaimVerdict.Rule rule) {
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
        return new ContrastTables(data, resolved, cells, rule);
    }

    public List<Cell> cells() {
        return cells;
    }

    /** The verdict on one cell. */
    public ClaimVerdict verdict(Cell c) {
        return ClaimVerdict.of(c.comparison(), c.holm(), rule);
    }

    /** Holm's step-down adjustment over the cells that have a p-value; the others keep null. */
    static List<Cell> holm(List<Cell> family) {
        Double[] adjusted = Holm.adjust(family.stream().map(c -> c.comparison().pValue()).toList());
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
            List<List<String>> rows = rows(mine, columns, " − ", this::text);
            List<String> notes = List.of(String.format(Locale.ROOT, "Δ = first − second method's accuracy in points "
                    + "(under attack: accuracy under attack), mean over the seeds both have (n=k; \"n=k vs j\" = "
                    + "unpaired), on the examples both evaluated; [low, high] = %s%% percentile interval of a %s.",
                    ReportNotes.confidencePercent(data.alpha()), data.bootstrap().description()),
                    String.format(Locale.ROOT, "p = two-sided %s; %s marks Holm-adjusted p < %s over the %d cells of "
                            + "this table (contrasts.csv has both p-values); – = the two methods have no finished "
                            + "evaluation of this kind in common.", data.test().description(),
                            ReportNotes.MARKER, ReportNotes.plain(data.alpha()),
                            mine.stream().filter(c -> c.holm() != null).count()));
            out.add(new TextTable(FileNames.table(model, "contrasts"), model + " · contrasts between methods",
                    header, numeric, rows, notes));
            out.add(verdictTable(model, mine, columns, header));
        }
        return out;
    }

    /** The same cells read as claims that the first method is better than the second: one verdict each. */
    private TextTable verdictTable(String model, List<Cell> mine, List<String[]> columns, List<String> header) {
        List<String> verdictHeader = new ArrayList<>(header);
        verdictHeader.set(0, "Claim: first better than second");
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 0; i < verdictHeader.size(); i++) {
            numeric.add(false);
        }
        List<List<String>> rows = rows(mine, columns, " > ", c -> verdict(c).text(rule));
        return new TextTable(FileNames.table(model, "verdicts"), model + " · verdicts on the contrasts",
                verdictHeader, numeric, rows, List.of("Rule, fixed before the results: " + rule.description() + "."));
    }

    /**
     * One row per requested contrast, in the order asked: "first JOIN second", then each column's cell as
     * {@code text} gives it, or "–" where the two methods share no evaluation (yet: a run still in progress).
     */
    private List<List<String>> rows(List<Cell> mine, List<String[]> columns, String join,
            Function<Cell, String> text) {
        List<List<String>> rows = new ArrayList<>();
        for (Contrast contrast : contrasts.stream().distinct().toList()) {
            List<String> row = new ArrayList<>(List.of(data.methods().label(contrast.treatment()) + join
                    + data.methods().label(contrast.control())));
            for (String[] col : columns) {
                row.add(mine.stream().filter(c -> c.contrast().equals(contrast) && c.evaluation().equals(col[0])
                        && c.task().equals(col[1])).findFirst().map(text).orElse("–"));
            }
            rows.add(row);
        }
        return rows;
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
                ClaimVerdict v = verdict(c);
                boolean undetermined = v.outcome() == ClaimVerdict.Outcome.UNDETERMINED;
                p.printRecord(c.model(), c.evaluation(), c.task(), c.contrast().treatment(), c.contrast().control(),
                        MetricsCsv.format(k.delta()), MetricsCsv.format(k.ciLow()), MetricsCsv.format(k.ciHigh()),
                        k.pValue() == null ? "" : significant(k.pValue(), 4),
                        c.holm() == null ? "" : significant(c.holm(), 4), k.test(), k.methodSeeds(),
                        k.baselineSeeds(), k.pairedSeeds(), k.examples(), v.outcome().name().toLowerCase(Locale.ROOT),
                        undetermined ? MetricsCsv.format(v.dataFactor()) : "",
                        undetermined ? v.examplesNeeded() : "", undetermined ? v.seedsNeeded() : "");
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
