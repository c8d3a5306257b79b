package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code rose-bench table}: loads a run, builds its tables, writes table files and plots, then the self-contained
 * HTML report of both ({@link HtmlReport}).
 */
public final class Report {

    /**
     * @param tablesDir where table files go ({@code RUN_DIR/tables})
     * @param plotsDir  where PNGs go ({@code RUN_DIR/plots}); null for no plots
     * @param test      the p-value behind the significance marker
     * @param bootstrap the intervals of Δ (and the p-value of {@link BootstrapTest})
     * @param alpha     level of the marker; intervals are (1 − alpha) intervals
     * @param paper     reported values, or {@link PaperValues#none()}
     * @param planHash  an earlier plan of the run to tabulate ({@code plans/HASH.json}), or null for the current one
     * @param contrasts comparisons between two methods to tabulate besides those with the baseline
     * @param verdicts  how each contrast is read as a claim ({@link ClaimVerdict})
     */
    public record Options(Path tablesDir, Path plotsDir, PairedTest test, PairedBootstrap bootstrap, double alpha,
            PaperValues paper, String planHash, List<Contrast> contrasts, ClaimVerdict.Rule verdicts) {

        public Options {
            contrasts = List.copyOf(contrasts);
        }

        public Options(Path tablesDir, Path plotsDir, PairedTest test, PairedBootstrap bootstrap, double alpha,
                PaperValues paper, String planHash, List<Contrast> contrasts) {
            this(tablesDir, plotsDir, test, bootstrap, alpha, paper, planHash, contrasts,
                    ClaimVerdict.Rule.defaults(alpha));
        }

        public Options(Path tablesDir, Path plotsDir, PairedTest test, PairedBootstrap bootstrap, double alpha,
                PaperValues paper, String planHash) {
            this(tablesDir, plotsDir, test, bootstrap, alpha, paper, planHash, List.of());
        }
    }

    /** The tables and every file written; {@code report} is the HTML page (also the last of {@code files}). */
    public record Result(ReportData data, List<TextTable> tables, List<Path> files, List<Path> plots, Path report) {}

    private Report() {}

    public static Result run(Path runDir, Options options, Consumer<String> warn) throws IOException {
        List<ResultRow> rows = ResultRows.load(runDir, options.planHash());
        if (rows.stream().noneMatch(r -> r.evaluation() != null)) {
            throw new IllegalArgumentException(runDir.resolve("cells") + ": no finished eval, attack or landscape cell "
                    + "(no result.json with kind eval/attack/landscape)");
        }
        ReportData data = ReportData.of(rows, options.test(), options.bootstrap(), options.alpha(), options.paper(),
                ConfiguredSeeds.read(runDir, options.planHash(), warn));
        List<TextTable> tables = new ArrayList<>(PaperTables.build(data));
        tables.addAll(PredictionBalance.build(data, warn));
        tables.addAll(AttackTables.build(data));
        tables.addAll(LandscapeTables.build(data));
        ContrastTables contrasts = options.contrasts().isEmpty() ? null
                : ContrastTables.of(data, options.contrasts(), options.verdicts());
        if (contrasts != null) {
            tables.addAll(contrasts.tables());
            tables.addAll(FlatnessContrasts.of(data, options.contrasts(), warn).tables());
        }
        List<Path> files = ReportWriter.write(data, tables, options.tablesDir(), "rose-bench results: " + runDir);
        if (contrasts != null) {
            files.add(ReportWriter.writeFile(options.tablesDir().resolve("contrasts.csv"), contrasts.csv()));
        }
        List<Path> plots = options.plotsDir() == null ? List.of() : Plots.write(data, options.plotsDir(), warn);
        RunSummary summary = RunSummary.read(runDir, options.planHash());
        if (summary.trainCpuVendors().size() > 1) {
            warn.accept("the train cells ran on CPUs of different vendors " + summary.trainCpuVendors()
                    + "; libtorch can draw other dropout masks on Intel CPUs (the cell keys carry the generator each "
                    + "worker measured), so check that every train cell's key names the same one (docs/resume.md §6)");
        }
        if (summary.trainMkl().size() > 1) {
            warn.accept("the train cells ran with different MKL kernels " + summary.trainMkl() + "; the kernels sum "
                    + "in different orders, so their models are not the ones one setting would train (set "
                    + "ROSE_BENCH_MKL_AVX512 the same for every worker of a run; results/bench/mkl-avx512-2026-12-05)");
        }
        // after the plots, so that it embeds them, and any PNG other tools left in the plots folder
        Path report = HtmlReport.write(options.tablesDir().resolve(HtmlReport.FILE), "rose-bench report: " + runDir,
                summary, tables, options.plotsDir(), warn);
        files = new ArrayList<>(files);
        files.add(report);
        for (String unused : data.paper().unused()) {
            warn.accept("paper value matches nothing in the run: " + unused);
        }
        return new Result(data, tables, List.copyOf(files), plots, report);
    }
}
