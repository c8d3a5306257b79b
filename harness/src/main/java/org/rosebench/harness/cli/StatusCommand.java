package org.rosebench.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rosebench.harness.matrix.MatrixConfig;
import org.rosebench.harness.matrix.MatrixPlan;
import org.rosebench.harness.matrix.PlanReport;
import org.rosebench.harness.matrix.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Show which cells of a matrix config are done, pending or failed; exits 1 "
        + "when a cell failed.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    MatrixOptions matrix = new MatrixOptions();

    @Parameters(index = "0", paramLabel = "CONFIG")
    Path config;

    @Override
    public Integer call() {
        MatrixConfig c = matrix.load(config, true);
        MatrixPlan p = MatrixPlan.of(c);
        PlanReport report = new PlanReport(p, new ResultStore(c.outDir()), matrix.select(p));
        if (common.json) {
            Json.print(report.json());
        } else {
            System.out.print(report.text(false));
        }
        return report.counts().get(ResultStore.State.FAILED) > 0 ? 1 : 0;
    }
}
