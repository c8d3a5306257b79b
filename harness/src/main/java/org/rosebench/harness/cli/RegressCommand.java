package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.harness.report.LongMetrics;
import org.rosebench.harness.report.MetricRow;
import org.rosebench.harness.report.MetricsCsv;
import org.rosebench.harness.report.Regression;
import org.rosebench.harness.report.RegressionReport;
import org.rosebench.harness.report.ResultRows;
import org.rosebench.harness.report.Tolerances;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "regress", description = "Compare a run's long metrics with a reference CSV key by key "
        + "(model,task,method,seed,evaluation,metric). Exit 0 when every value is within tolerance; 1 with a diff "
        + "table when a value is outside it or a reference row is missing (unexpected rows are listed but pass).")
public final class RegressCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory (holds cells/)")
    Path runDir;

    @Option(names = "--reference", paramLabel = "FILE", description = "reference long metrics CSV (tables/metrics.csv format)")
    Path reference;

    // keep the defaults here in step with Tolerances.DEFAULTS (RegressCommandTest checks)
    @Option(names = "--tolerance", paramLabel = "X|METRIC=X", description = "absolute tolerance in the metric's unit "
            + "(percentage points for accuracies and rates, examples for counts, queries for avg_queries), "
            + "repeatable: X for every metric, METRIC=X or EVALUATION:METRIC=X (e.g. advglue:accuracy=1.5) for one. "
            + "Defaults: accuracy 1, advglue:accuracy 2, original_accuracy 1, accuracy_under_attack 2, "
            + "attack_success_rate 3, avg_perturbed_word_percent 1, avg_words_per_input 0.01, avg_queries 5, "
            + "succeeded 2, failed 2, skipped 2, any other metric 1.")
    List<String> tolerances = new ArrayList<>();

    @Option(names = "--write-reference", paramLabel = "FILE",
            description = "write the run's metrics as a new reference (after comparing, when --reference is given too)")
    Path writeReference;

    @Option(names = "--all", description = "list every compared row, not only the failing, missing and unexpected ones")
    boolean all;

    public RegressCommand() {}

    @Override
    public Integer call() throws Exception {
        if (reference == null && writeReference == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --reference FILE (or --write-reference FILE)");
        }
        Tolerances tol = parseTolerances();
        List<MetricRow> actual = LongMetrics.of(ResultRows.load(runDir));
        if (actual.isEmpty()) {
            throw new IllegalArgumentException(runDir.resolve("cells") + ": no finished eval or attack cell");
        }
        int code = 0;
        if (reference != null) {
            List<Regression.Diff> diffs = Regression.compare(MetricsCsv.read(reference), actual, tol);
            code = Regression.passed(diffs) ? 0 : 1;
            if (common.json) {
                Json.print(json(diffs));
            } else {
                System.out.print(RegressionReport.table(diffs, all));
                System.out.println(RegressionReport.summary(diffs));
            }
        }
        if (writeReference != null) {
            MetricsCsv.write(writeReference, actual);
            if (!common.json) {
                System.out.printf("wrote %d reference rows to %s%n", actual.size(), writeReference);
            } else if (reference == null) {
                Json.print(Json.object().put("written", writeReference.toString()).put("rows", actual.size()));
            }
        }
        return code;
    }

    /** Plain numbers replace all defaults, KEY=X then overrides one; bad input is a usage error (exit 2). */
    private Tolerances parseTolerances() {
        Tolerances tol = Tolerances.defaults();
        try {
            for (String t : tolerances) {
                if (!t.contains("=")) {
                    tol = tol.withAll(number(t));
                }
            }
            for (String t : tolerances) {
                int eq = t.indexOf('=');
                if (eq >= 0) {
                    tol = tol.with(t.substring(0, eq).strip(), number(t.substring(eq + 1)));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance: " + e.getMessage());
        }
        return tol;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    private ObjectNode json(List<Regression.Diff> diffs) {
        ObjectNode root = Json.object();
        root.put("run_dir", runDir.toString()).put("reference", reference.toString())
                .put("passed", Regression.passed(diffs));
        ObjectNode counts = root.putObject("counts");
        for (Map.Entry<Regression.Status, Integer> e : RegressionReport.counts(diffs).entrySet()) {
            counts.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
        }
        ArrayNode rows = root.putArray("rows");
        for (Regression.Diff d : diffs) {
            if (!all && d.status() == Regression.Status.OK) {
                continue;
            }
            ObjectNode o = rows.addObject();
            List<String> cells = RegressionReport.cells(d);
            for (int i = 0; i < cells.size(); i++) {
                o.put(RegressionReport.HEADER.get(i), cells.get(i));
            }
        }
        return root;
    }
}
