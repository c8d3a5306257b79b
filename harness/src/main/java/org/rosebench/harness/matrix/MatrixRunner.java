package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rosebench.harness.matrix.ResultStore.State;

/**
 * Runs cells in plan order: skips done ones, runs the rest, records failures and goes on with independent cells
 * (the evaluations and attacks of a failed training are reported as blocked). Prints one overall progress line
 * per cell (position, done/failed counts, elapsed, ETA) above the per-step bars of training and attacks.
 */
public final class MatrixRunner {

    public record Summary(int cells, int alreadyDone, int ran, int failed, int blocked, double seconds) {
        public boolean ok() {
            return failed == 0 && blocked == 0;
        }
    }

    private final MatrixPlan plan;
    private final ResultStore store;
    private final PrintStream log;

    public MatrixRunner(MatrixPlan plan, ResultStore store, PrintStream log) {
        this.plan = plan;
        this.store = store;
        this.log = log;
    }

    public Summary run(List<Cell> cells) throws Exception {
        MatrixConfig config = plan.config();
        store.writeText("config.yaml", Files.readString(config.source(), StandardCharsets.UTF_8));
        store.writeText(org.rosebench.harness.report.ResultRows.PLAN, PlanManifest.of(plan).toPrettyString());
        CostModel cost = new CostModel(config);
        double estimatedTotal = cells.stream().filter(c -> store.state(c) != State.DONE).mapToDouble(cost::seconds).sum();
        double estimatedDone = 0;
        double measuredDone = 0;
        long start = System.nanoTime();
        int alreadyDone = 0;
        int ran = 0;
        int failed = 0;
        int blocked = 0;
        Set<String> failedTrain = new HashSet<>();
        try (CellExecutor executor = new CellExecutor(config, store)) {
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                ObjectNode existing = store.result(cell);
                // a finished row is never rewritten: labels and order come from plan.json at table time
                if (existing != null && !needsRetrain(cell, cells, executor)) {
                    alreadyDone++;
                    continue;
                }
                if (cell.kind() != Cell.Kind.TRAIN && failedTrain.contains(cell.train().id())) {
                    blocked++;
                    log.printf("[rose-bench] blocked (training failed): %s%n", cell.describe());
                    continue;
                }
                if (cell.kind() != Cell.Kind.TRAIN && !Files.isRegularFile(executor.checkpoint(cell.train()).resolve("config.json"))) {
                    blocked++;
                    log.printf("[rose-bench] blocked (no checkpoint of %s in this run directory; run its shard first): %s%n",
                            cell.train().id(), cell.describe());
                    continue;
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double rate = estimatedDone > 0 ? measuredDone / estimatedDone : 1;
                double remaining = Math.max(0, estimatedTotal - estimatedDone) * rate;
                log.printf("[rose-bench] [cell %d/%d · %d done · %d failed · elapsed %s · ETA %s] %s (%s)%n", i + 1,
                        cells.size(), alreadyDone + ran, failed, clock(elapsed), clock(remaining), cell.describe(), cell.id());
                double est = cost.seconds(cell);
                long t0 = System.nanoTime();
                try {
                    ObjectNode row = executor.run(cell);
                    store.complete(cell, row);
                    ran++;
                } catch (Exception | Error e) {
                    if (e instanceof Error && !(e instanceof AssertionError) && !(e instanceof UnsatisfiedLinkError)) {
                        throw (Error) e;
                    }
                    failed++;
                    store.fail(cell, e);
                    if (cell.kind() == Cell.Kind.TRAIN) {
                        failedTrain.add(cell.id());
                    }
                    log.printf("[rose-bench] FAILED %s (%s): %s — details in %s%n", cell.describe(), cell.id(),
                            e.getMessage(), store.dir(cell).resolve(ResultStore.FAILED));
                }
                estimatedDone += est;
                measuredDone += (System.nanoTime() - t0) / 1e9;
            }
        }
        Summary s = new Summary(cells.size(), alreadyDone, ran, failed, blocked, (System.nanoTime() - start) / 1e9);
        log.printf("[rose-bench] %d cells: %d already done, %d ran, %d failed, %d blocked, %s%n", s.cells(),
                s.alreadyDone(), s.ran(), s.failed(), s.blocked(), clock(s.seconds()));
        return s;
    }

    /**
     * A done train cell whose checkpoint is gone (e.g. results copied without checkpoints) runs again when one of
     * its dependents in this shard still needs the model. Its other dependents run again too, partial attack logs
     * included: a new training need not give the same model (never on a GPU), and every row under one train id
     * must describe one model.
     */
    private boolean needsRetrain(Cell cell, List<Cell> cells, CellExecutor executor) throws IOException {
        if (cell.kind() != Cell.Kind.TRAIN) {
            return false;
        }
        Path ckpt = executor.checkpoint(cell.train());
        if (Files.isRegularFile(ckpt.resolve("config.json"))) {
            return false;
        }
        boolean pendingDependent = cells.stream().anyMatch(c -> c.kind() != Cell.Kind.TRAIN
                && c.train().id().equals(cell.id()) && store.state(c) != State.DONE);
        if (pendingDependent) {
            log.printf("[rose-bench] %s is done but its checkpoint is missing; training again for its pending evaluations,"
                    + " and running its finished evaluations and attacks again on the new model%n", cell.id());
            store.invalidate(cell);
            for (Cell c : cells) {
                if (c.kind() != Cell.Kind.TRAIN && c.train().id().equals(cell.id())) {
                    store.discardOutput(c);
                }
            }
        }
        return pendingDependent;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
