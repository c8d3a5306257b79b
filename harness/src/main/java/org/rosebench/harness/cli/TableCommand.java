package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rosebench.harness.report.BootstrapTest;
import org.rosebench.harness.report.ClaimVerdict;
import org.rosebench.harness.report.Contrast;
import org.rosebench.harness.report.McNemarOverSeeds;
import org.rosebench.harness.report.PairedBootstrap;
import org.rosebench.harness.report.PairedTest;
import org.rosebench.harness.report.PaperValues;
import org.rosebench.harness.report.Report;
import org.rosebench.harness.report.TableRenderers;
import org.rosebench.harness.report.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "table", description = "Tables, statistics and plots of a result store (`rose-bench run`): "
        + "paper-layout accuracy tables per model (GLUE dev, AdvGLUE dev) with the seeds per cell (n=k, † when "
        + "fewer than configured), attack tables per recipe, each method's difference to vanilla with a (1 - alpha) "
        + "bootstrap interval that resamples seeds and examples, a paired test against vanilla that treats the "
        + "examples, not (seed, example) pairs, as the unit, RUN_DIR/tables/metrics.csv and summary.csv, PNG "
        + "plots in RUN_DIR/plots (with clean-vs-robust scatter plots), and RUN_DIR/tables/report.html: one "
        + "self-contained page with the run's provenance, every table and every PNG of the plots folder.")
public final class TableCommand implements Callable<Integer> {

    enum Test { mcnemar, bootstrap }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory (holds cells/)")
    Path runDir;

    @Option(names = "--paper", paramLabel = "FILE",
            description = "reported numbers to print beside the reproduced ones: CSV model,method,task,evaluation,value[,metric]")
    Path paper;

    @Option(names = "--out", paramLabel = "DIR", description = "table files (default RUN_DIR/tables)")
    Path out;

    @Option(names = "--plots", paramLabel = "DIR", description = "PNG plots (default RUN_DIR/plots)")
    Path plots;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    @Option(names = "--test", defaultValue = "mcnemar",
            description = "paired test against vanilla: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). "
                    + "mcnemar: exact McNemar with the examples as the unit (per example, the differences summed "
                    + "over the paired seeds are + or − with probability 1/2 under H0); bootstrap: the p-value of "
                    + "the seeds x examples bootstrap behind the intervals")
    Test test;

    @Option(names = "--bootstrap-samples", defaultValue = "10000",
            description = "resamples of the bootstrap behind the intervals and --test bootstrap "
                    + "(default ${DEFAULT-VALUE})")
    int bootstrapSamples;

    @Option(names = "--bootstrap-seed", defaultValue = "1234",
            description = "seed of that bootstrap (default ${DEFAULT-VALUE})")
    long bootstrapSeed;

    @Option(names = "--alpha", defaultValue = "0.05",
            description = "significance level of the marker; the intervals cover 1 - alpha (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--plan", paramLabel = "HASH", description = "tabulate an earlier plan of the run (plans/HASH.json,"
            + " kept when another config was adopted) instead of the current one; tables then go to RUN_DIR/tables-HASH")
    String planHash;

    @Option(names = "--contrast", paramLabel = "\"A vs B\"", description = "also compare method A with method B "
            + "(labels or specs; repeatable): Δ = A − B per evaluation with the same interval and test as against "
            + "vanilla, Holm-adjusted over each model's cells; tables MODEL_contrasts, MODEL_verdicts and "
            + "contrasts.csv, and where both have loss landscapes MODEL_flatness (is A flatter? a sign-flip test over "
            + "paired random directions of one seed, or over seeds when there are several; docs/landscape.md §8)")
    List<String> contrasts = new ArrayList<>();

    @Option(names = "--refute-below", paramLabel = "POINTS", defaultValue = "1.0",
            description = "verdicts on the contrasts (table MODEL_verdicts): a claim that A beats B does not hold "
                    + "when the interval of A − B ends below this (default ${DEFAULT-VALUE}); it holds when Δ > 0 "
                    + "with Holm-adjusted p < alpha")
    double refuteBelow;

    @Option(names = "--power-effect", paramLabel = "POINTS", defaultValue = "3.0",
            description = "for a verdict that cannot be told: the difference whose data needs are estimated "
                    + "(default ${DEFAULT-VALUE})")
    double powerEffect;

    @Option(names = "--power", defaultValue = "0.8",
            description = "the power that estimate is for (default ${DEFAULT-VALUE})")
    double power;

    public TableCommand() {}

    @Override
    public Integer call() throws Exception {
        if (!(alpha > 0 && alpha < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--alpha must be in (0, 1), got " + alpha);
        }
        if (bootstrapSamples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap-samples must be positive");
        }
        ClaimVerdict.Rule verdicts;
        try {
            verdicts = new ClaimVerdict.Rule(alpha, refuteBelow, powerEffect, power);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PairedBootstrap bootstrap = new PairedBootstrap(bootstrapSamples, bootstrapSeed);
        PairedTest pairedTest = test == Test.bootstrap ? new BootstrapTest(bootstrap) : new McNemarOverSeeds();
        String suffix = planHash == null ? "" : "-" + planHash;
        Report.Options options = new Report.Options(out != null ? out : runDir.resolve("tables" + suffix),
                noPlots ? null : plots != null ? plots : runDir.resolve("plots" + suffix), pairedTest, bootstrap, alpha,
                paper != null ? PaperValues.read(paper) : PaperValues.none(), planHash, parseContrasts(), verdicts);
        List<String> warnings = new ArrayList<>();
        Report.Result result = Report.run(runDir, options, warnings::add);
        if (common.json) {
            Json.print(json(result, warnings));
            return 0;
        }
        for (String w : warnings) {
            System.err.println("rose-bench: warning: " + w);
        }
        System.out.print(TableRenderers.markdown(result.tables()));
        System.out.println();
        System.out.printf("wrote %d table files to %s%s%n", result.files().size(), options.tablesDir(),
                options.plotsDir() == null ? "" : " and " + result.plots().size() + " plots to " + options.plotsDir());
        System.out.printf("report: %s%n", result.report());
        return 0;
    }

    private List<Contrast> parseContrasts() {
        List<Contrast> out = new ArrayList<>();
        for (String c : contrasts) {
            try {
                out.add(Contrast.parse(c));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--contrast: " + e.getMessage());
            }
        }
        return out;
    }

    private ObjectNode json(Report.Result result, List<String> warnings) {
        ObjectNode root = Json.object();
        root.put("run_dir", runDir.toString()).put("results", result.data().rows().size())
                .put("metrics", result.data().metrics().size()).put("test", result.data().test().description());
        ArrayNode tables = root.putArray("tables");
        for (TextTable t : result.tables()) {
            ObjectNode o = tables.addObject().put("name", t.name()).put("title", t.title());
            t.header().forEach(o.putArray("header")::add);
            ArrayNode rows = o.putArray("rows");
            t.rows().forEach(r -> r.forEach(rows.addArray()::add));
            t.notes().forEach(o.putArray("notes")::add);
            o.put("markdown", TableRenderers.markdown(t));
        }
        ArrayNode files = root.putArray("files");
        result.files().forEach(f -> files.add(f.toString()));
        ArrayNode plotFiles = root.putArray("plots");
        result.plots().forEach(f -> plotFiles.add(f.toString()));
        root.put("report", result.report().toString());
        warnings.forEach(root.putArray("warnings")::add);
        return root;
    }
}
