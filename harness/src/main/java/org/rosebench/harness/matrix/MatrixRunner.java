package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rosebench.core.train.ResumeState;
import org.rosebench.core.util.StopRequest;
import org.rosebench.harness.matrix.ResultStore.State;

/**
 * A pull-based worker over one run directory. It pins the plan ({@link PinnedPlan}), then repeatedly takes a
 * runnable cell that no live worker has claimed ({@link CellClaims}), in the worker's {@link Order}, runs it and
 * records the result or the failure. Any number of workers, started at any time on any host that sees the
 * directory, share the work this way and balance themselves. A worker waits while cells it could run later are blocked behind trainings
 * other workers hold, and exits when nothing is left for it: everything done, permanently failed, blocked by a
 * failed training, or held by other live workers.
 * <p>
 * Failures are isolated: any exception or error (OutOfMemoryError included) is recorded in the cell's
 * {@code failed.json} with the attempt count and the worker goes on; a cell is attempted at most
 * {@code 1 + maxRetries} times in all (over every worker and run). A stop request (SIGTERM, Slurm's time-limit and
 * pre-emption signal) ends the current cell at its next safe point (training saves its state first), releases
 * the claim without counting an attempt, and ends the worker with {@link Summary#stopped()}.
 */
public final class MatrixRunner {

    /** Which runnable cell a worker takes next. */
    public enum Order {
        /**
         * The evaluations and attacks of models already trained before any new training (those of the model
         * loaded last first, then the most expensive), and the trainings in the plan's order (per model and task,
         * seed by seed, the methods as the config lists them). Results arrive model by model and a seed's methods
         * together, so a partial run already compares the methods; a job killed at its time limit (or a node whose
         * scratch disk is wiped) loses at most the training under way (an interrupted training resumes before a new
         * one starts); and {@code prune} can free each model's checkpoints soon after it was trained.
         */
        MODELS_FIRST,
        /**
         * Always the most expensive runnable cell: every training before most evaluations. Balances several workers
         * best at the end of a run; results and freeable checkpoints come late.
         */
        LONGEST_FIRST
    }

    public record Summary(int cells, int alreadyDone, int ran, int failed, int blocked, boolean stopped,
            double seconds) {
        public boolean ok() {
            return failed == 0 && blocked == 0 && !stopped;
        }
    }

    private final MatrixPlan plan;
    private final ResultStore store;
    private final PrintStream log;
    private int maxRetries = 1;
    private Duration lease = CellClaims.DEFAULT_LEASE;
    private Duration poll = Duration.ofSeconds(10);
    private boolean adoptConfig;
    private boolean waitForOthers = true;
    private Order order = Order.MODELS_FIRST;
    private org.rosebench.core.train.CheckpointPolicy checkpointPolicy = org.rosebench.core.train.CheckpointPolicy.DEFAULT;

    public MatrixRunner(MatrixPlan plan, ResultStore store, PrintStream log) {
        this.plan = plan;
        this.store = store;
        this.log = log;
    }

    /** Further attempts of a failed cell (0: never retried). */
    public MatrixRunner optMaxRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("--max-retries must be ≥ 0, got " + n);
        }
        maxRetries = n;
        return this;
    }

    /** How long a claim stays valid without a heartbeat. */
    public MatrixRunner optLease(Duration d) {
        lease = d;
        return this;
    }

    /** How often a waiting worker looks for work again. */
    public MatrixRunner optPoll(Duration d) {
        poll = d;
        return this;
    }

    /** Make this config the run directory's plan when it differs from the pinned one. */
    public MatrixRunner optAdoptConfig(boolean adopt) {
        adoptConfig = adopt;
        return this;
    }

    /** Whether to wait for cells blocked behind other workers' trainings (default) or exit at once. */
    public MatrixRunner optWaitForOthers(boolean wait) {
        waitForOthers = wait;
        return this;
    }

    /** Which runnable cell to take next (default {@link Order#MODELS_FIRST}). */
    public MatrixRunner optOrder(Order order) {
        this.order = java.util.Objects.requireNonNull(order, "order");
        return this;
    }

    /** When trainings save their resumable state (default: every 200 steps or 10 minutes). */
    public MatrixRunner optCheckpointPolicy(org.rosebench.core.train.CheckpointPolicy policy) {
        checkpointPolicy = policy;
        return this;
    }

    public Summary run(List<Cell> cells) throws Exception {
        MatrixConfig config = plan.config();
        log.println("[rose-bench] " + PinnedPlan.pin(plan, store, adoptConfig));
        CostModel cost = new CostModel(config);
        long start = System.nanoTime();
        Set<String> done = new HashSet<>();
        for (Cell c : cells) {
            if (store.state(c) == State.DONE) {
                done.add(c.id());
            }
        }
        int alreadyDone = done.size();
        // the ETA's pace starts from the cells already finished here (on a restart, or another machine's cost)
        RunPace pace = RunPace.of(cells.stream().filter(c -> done.contains(c.id())).toList(), store, cost);
        Set<String> attempted = new HashSet<>();
        int ran = 0;
        int failed = 0;
        boolean stopped = false;
        Set<String> reportedBlocked = new HashSet<>();
        Set<String> noSpace = new HashSet<>();
        String lastTrain = null;
        Map<String, List<Cell>> dependents = new HashMap<>();
        for (Cell c : cells) {
            if (c.kind() != Cell.Kind.TRAIN) {
                dependents.computeIfAbsent(c.train().id(), k -> new ArrayList<>()).add(c);
            }
        }
        try (CellExecutor executor = new CellExecutor(config, store, checkpointPolicy); CellClaims claims = new CellClaims(store.runDir(), lease)) {
            while (true) {
                if (StopRequest.global().isRequested()) {
                    stopped = true;
                    break;
                }
                Round round = survey(cells, done, dependents, executor, claims, reportedBlocked);
                round.runnable.removeIf(c -> noSpace.contains(c.id()));
                Cell next = pick(round.runnable, cost, lastTrain);
                if (next == null) {
                    if (round.waiting > 0 && waitForOthers) {
                        Thread.sleep(poll.toMillis());
                        continue;
                    }
                    if (round.heldElsewhere > 0) {
                        log.printf("[rose-bench] nothing left for this worker: %d cells are held by other live workers%n",
                                round.heldElsewhere);
                    }
                    break;
                }
                Optional<CellClaims.Held> claim = claims.tryClaim(next);
                if (claim.isEmpty()) {
                    // another worker was faster: look again after a short random pause (no lock-step with it)
                    Thread.sleep(50 + (long) (Math.random() * 200));
                    continue;
                }
                CellClaims.Held held = claim.get();
                if (store.state(next) == State.DONE && !needsRetrain(next, dependents, executor)) {
                    done.add(next.id());
                    claims.release(held, "released", "already done");
                    continue;
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double remaining = pace.remaining(cells.stream()
                        .filter(c -> !done.contains(c.id()) && !attempted.contains(c.id())).toList(), cost);
                log.printf("[rose-bench] [cell %d/%d done · %d failed · %d held elsewhere · elapsed %s · ETA %s] %s (%s,"
                        + " attempt %d)%n", done.size(), cells.size(), failed, round.heldElsewhere, clock(elapsed),
                        clock(remaining), next.describe(), next.id(), store.attempts(next) + 1);
                double est = cost.seconds(next);
                attempted.add(next.id());
                long t0 = System.nanoTime();
                lastTrain = next.train().id();
                try {
                    if (next.kind() == Cell.Kind.TRAIN && store.state(next) == State.DONE) {
                        invalidateForRetrain(next, dependents, done);
                    }
                    ObjectNode row = executor.run(next);
                    if (!claims.stillHeld(held)) {
                        log.printf("[rose-bench] %s: claim lost while running; result not written (the worker that"
                                + " took it over writes it)%n", next.id());
                        claims.release(held, "lost", null);
                        continue;
                    }
                    store.complete(next, row);
                    done.add(next.id());
                    ran++;
                    claims.release(held, "done", null);
                } catch (Throwable e) {
                    executor.releaseModel(); // an OutOfMemoryError leaves the loaded model suspect
                    if (e instanceof CellExecutor.NoSpace) {
                        noSpace.add(next.id());
                        claims.release(held, "skipped", e.getMessage());
                        log.printf("[rose-bench] skipped %s: %s%n", next.id(), e.getMessage());
                        continue;
                    }
                    if (StopRequest.global().isRequested()) {
                        claims.release(held, "stopped", StopRequest.global().reason());
                        log.printf("[rose-bench] stopped (%s) during %s; its progress is kept and resumes on the next"
                                + " run%n", StopRequest.global().reason(), next.id());
                        stopped = true;
                        break;
                    }
                    failed++;
                    int attempts = recordFailure(next, e);
                    claims.release(held, "failed", e.getClass().getSimpleName() + ": " + e.getMessage());
                    log.printf("[rose-bench] FAILED %s (%s, attempt %d of %d): %s — details in %s%n", next.describe(),
                            next.id(), attempts, maxRetries + 1, e.getMessage(),
                            store.dir(next).resolve(ResultStore.FAILED));
                    if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                        throw (Error) e; // a broken JVM (internal error, stack overflow in native code): stop here
                    }
                }
                pace.add(next.kind(), est, (System.nanoTime() - t0) / 1e9);
            }
        }
        Round last = finalCounts(cells, done, dependents);
        Summary s = new Summary(cells.size(), alreadyDone, ran, last.failedForGood + noSpace.size(), last.blocked, stopped,
                (System.nanoTime() - start) / 1e9);
        long notDone = cells.stream().filter(c -> !done.contains(c.id())).count() - s.failed() - s.blocked();
        log.printf("[rose-bench] %d cells: %d were done, %d ran here, %d failed, %d blocked, %d not done%s, %s%n",
                s.cells(), s.alreadyDone(), s.ran(), s.failed(), s.blocked(), Math.max(0, notDone),
                stopped ? " (stopped early)" : notDone > 0 ? " (held by other workers)" : "", clock(s.seconds()));
        if (last.failedForGood > 0 && !stopped) {
            log.printf("[rose-bench] failed cells are retried by later runs until %d attempts have failed (--max-retries);"
                    + " `status` shows each failure%n", maxRetries + 1);
        }
        return s;
    }

    /**
     * The cell to run next among the runnable ones (listed in the plan's order), in this worker's order; null when
     * there is none.
     */
    Cell pick(List<Cell> runnable, CostModel cost, String lastTrain) {
        Comparator<Cell> longest = Comparator.comparingDouble(cost::seconds);
        if (order == Order.LONGEST_FIRST) {
            return runnable.stream().max(longest).orElse(null);
        }
        Optional<Cell> evaluation = runnable.stream().filter(c -> c.kind() != Cell.Kind.TRAIN)
                .max(Comparator.<Cell, Boolean>comparing(c -> c.train().id().equals(lastTrain)).thenComparing(longest));
        if (evaluation.isPresent()) {
            return evaluation.get();
        }
        // a training interrupted earlier goes on first: its saved state is work a wiped disk would lose
        return runnable.stream().filter(c -> Files.isDirectory(store.dir(c).resolve(ResumeState.DIR))).findFirst()
                .orElse(runnable.isEmpty() ? null : runnable.get(0));
    }

    /** What one look at the run directory found. */
    private static final class Round {
        final List<Cell> runnable = new ArrayList<>();
        int heldElsewhere;
        int waiting;
        int failedForGood;
        int blocked;
    }

    private Round survey(List<Cell> cells, Set<String> done, Map<String, List<Cell>> dependents, CellExecutor executor,
            CellClaims claims, Set<String> reportedBlocked) throws IOException {
        Round r = new Round();
        Set<String> trainsHeld = new HashSet<>();
        Set<String> trainsFailed = new HashSet<>();
        for (Cell c : cells) {
            if (c.kind() == Cell.Kind.TRAIN) {
                Optional<CellClaims.Info> info = claims.inspect(c);
                if (info.isPresent() && !info.get().stale()) {
                    trainsHeld.add(c.id());
                } else if (!done.contains(c.id()) && exhausted(c)) {
                    trainsFailed.add(c.id());
                }
            }
        }
        for (Cell c : cells) {
            if (done.contains(c.id())) {
                if (c.kind() == Cell.Kind.TRAIN && !trainsHeld.contains(c.id()) && needsRetrain(c, dependents, executor)) {
                    r.runnable.add(c);
                }
                continue;
            }
            if (store.state(c) == State.DONE) { // finished by another worker
                done.add(c.id());
                continue;
            }
            Optional<CellClaims.Info> info = claims.inspect(c);
            if (info.isPresent() && !info.get().stale()) {
                r.heldElsewhere++;
                continue;
            }
            if (exhausted(c)) {
                r.failedForGood++;
                continue;
            }
            if (c.kind() != Cell.Kind.TRAIN) {
                String train = c.train().id();
                if (trainsFailed.contains(train)) {
                    r.blocked++;
                    if (reportedBlocked.add(c.id())) {
                        log.printf("[rose-bench] blocked (training failed): %s%n", c.describe());
                    }
                    continue;
                }
                if (!done.contains(train) || !Files.isRegularFile(executor.checkpoint(c.train()).resolve("config.json"))) {
                    boolean trainPlanned = cells.stream().anyMatch(t -> t.id().equals(train));
                    if (trainsHeld.contains(train)) {
                        r.waiting++; // another worker is training it
                    } else if (trainPlanned) {
                        continue; // this worker runs the training first (or skipped it: then nothing to wait for)
                    } else {
                        r.blocked++;
                        if (reportedBlocked.add(c.id())) {
                            log.printf("[rose-bench] blocked (no checkpoint of %s in this run directory; run its shard"
                                    + " first): %s%n", train, c.describe());
                        }
                    }
                    continue;
                }
            }
            r.runnable.add(c);
        }
        return r;
    }

    /**
     * Counts for the summary: cells failed for good, and cells blocked behind them or behind a training outside this
     * selection that is not done. Cells merely not reached (a stopped worker, cells other workers hold) are neither.
     */
    private Round finalCounts(List<Cell> cells, Set<String> done, Map<String, List<Cell>> dependents) {
        Round r = new Round();
        Set<String> failedTrains = new HashSet<>();
        Set<String> selected = new HashSet<>();
        for (Cell c : cells) {
            selected.add(c.id());
            if (!done.contains(c.id()) && store.state(c) == State.FAILED) {
                r.failedForGood++;
                if (c.kind() == Cell.Kind.TRAIN) {
                    failedTrains.add(c.id());
                }
            }
        }
        for (Cell c : cells) {
            if (c.kind() == Cell.Kind.TRAIN || done.contains(c.id()) || store.state(c) == State.FAILED) {
                continue;
            }
            String train = c.train().id();
            boolean outsideAndMissing = !selected.contains(train) && !Files.isRegularFile(
                    store.runDir().resolve("cells").resolve(train).resolve("last").resolve("config.json"));
            if (failedTrains.contains(train) || outsideAndMissing) {
                r.blocked++;
            }
        }
        return r;
    }

    private boolean exhausted(Cell c) {
        return store.state(c) == State.FAILED && store.attempts(c) > maxRetries;
    }

    private int recordFailure(Cell cell, Throwable e) {
        try {
            return store.fail(cell, e);
        } catch (RuntimeException | Error again) {
            // e.g. the disk is full: say so and go on with other cells rather than end the worker
            log.printf("[rose-bench] could not record the failure of %s (%s)%n", cell.id(), again.getMessage());
            return store.attempts(cell) + 1;
        }
    }

    /**
     * A done train cell whose checkpoint is gone (e.g. results copied without checkpoints) runs again when one of
     * its dependents in this selection still needs the model.
     */
    private boolean needsRetrain(Cell cell, Map<String, List<Cell>> dependents, CellExecutor executor) {
        if (cell.kind() != Cell.Kind.TRAIN) {
            return false;
        }
        if (Files.isRegularFile(executor.checkpoint(cell.train()).resolve("config.json"))) {
            return false;
        }
        return dependents.getOrDefault(cell.id(), List.of()).stream().anyMatch(c -> store.state(c) != State.DONE);
    }

    /**
     * Before training a done cell again: a new training need not give the same model (never on a GPU), and every
     * row under one train id must describe one model, so its finished evaluations and attacks run again too.
     */
    private void invalidateForRetrain(Cell cell, Map<String, List<Cell>> dependents, Set<String> done)
            throws IOException {
        log.printf("[rose-bench] %s is done but its checkpoint is missing; training again for its pending evaluations,"
                + " and running its finished evaluations and attacks again on the new model%n", cell.id());
        store.invalidate(cell);
        done.remove(cell.id());
        for (Cell c : dependents.getOrDefault(cell.id(), List.of())) {
            store.discardOutput(c);
            done.remove(c.id());
        }
    }

    static String clock(double seconds) {
        return org.rosebench.core.util.Progress.clock(seconds);
    }
}
