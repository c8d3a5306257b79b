package org.rosebench.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rosebench.harness.matrix.MatrixConfig;
import org.rosebench.harness.matrix.MatrixPlan;
import org.rosebench.harness.matrix.MatrixRunner;
import org.rosebench.harness.matrix.ResultStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: runs {@code configs/demo.yaml} (minilm-l6 on SST-2 with every method of the paper, GLUE dev and
 * AdvGLUE dev, TextFooler and PWWS), then prints the tables and writes the plots. Resumes like {@code run}.
 */
@Command(name = "demo", description = "Run configs/demo.yaml (every method on minilm-l6 + SST-2, evaluations, "
        + "attacks; about 30 min on 2 cores), then print tables and write plots.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    MatrixOptions matrix = new MatrixOptions();

    @Mixin
    WorkerOptions worker = new WorkerOptions();

    @Option(names = "--config", description = "matrix config (default: configs/demo.yaml of this repository)")
    Path config;

    @Override
    public Integer call() throws Exception {
        Path file = config != null ? config : defaultConfig();
        MatrixConfig c = matrix.load(file, false);
        MatrixPlan plan = MatrixPlan.of(c);
        MatrixRunner.Summary s = worker.configure(new MatrixRunner(plan, new ResultStore(c.outDir()), System.err))
                .run(matrix.select(plan));
        if (s.stopped()) {
            return WorkerOptions.EXIT_STOPPED;
        }
        String[] args = common.json ? new String[] {c.outDir().toString(), "--json"} : new String[] {c.outDir().toString()};
        int tables = new CommandLine(new TableCommand()).execute(args);
        return s.ok() && tables == 0 ? 0 : 1;
    }

    static Path defaultConfig() {
        String repo = System.getProperty("rose.repo.dir");
        Path p = repo != null ? Path.of(repo, "configs", "demo.yaml") : Path.of("configs", "demo.yaml");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no demo config at " + p + " (give --config FILE)");
        }
        return p;
    }
}
