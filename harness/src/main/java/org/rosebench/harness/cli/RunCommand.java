package org.rosebench.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rosebench.harness.matrix.Cell;
import org.rosebench.harness.matrix.MatrixConfig;
import org.rosebench.harness.matrix.MatrixPlan;
import org.rosebench.harness.matrix.MatrixRunner;
import org.rosebench.harness.matrix.PlanReport;
import org.rosebench.harness.matrix.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Work on a matrix config (train, evaluate, attack) as one of any number of "
        + "workers sharing its run directory: takes unclaimed cells until none is left; finished cells are skipped and "
        + "interrupted ones resume. Exit codes: 0 all done, 1 cells failed or blocked, 2 bad input, 75 stopped by "
        + "SIGTERM (state saved; run again to resume).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    MatrixOptions matrix = new MatrixOptions();

    @Parameters(index = "0", paramLabel = "CONFIG", description = "matrix config (YAML), e.g. configs/demo.yaml")
    Path config;

    @picocli.CommandLine.Option(names = "--plan", description = "print the cells, their estimated cost and what is "
            + "missing, without running anything; exits 1 when something is missing")
    boolean plan;

    @Mixin
    WorkerOptions worker = new WorkerOptions();

    @Override
    public Integer call() throws Exception {
        MatrixConfig c = matrix.load(config, plan);
        MatrixPlan p = MatrixPlan.of(c);
        List<Cell> cells = matrix.select(p);
        ResultStore store = new ResultStore(c.outDir());
        if (plan) {
            PlanReport report = new PlanReport(p, store, cells);
            if (common.json) {
                Json.print(report.json());
            } else {
                System.out.print(report.text(true));
            }
            return c.missing().isEmpty() ? 0 : 1; // scripts can gate a submission on a complete plan
        }
        MatrixRunner.Summary s = worker.configure(new MatrixRunner(p, store, System.err)).run(cells);
        if (common.json) {
            Json.print(Json.MAPPER.valueToTree(s));
        }
        return WorkerOptions.exitCode(s);
    }
}
