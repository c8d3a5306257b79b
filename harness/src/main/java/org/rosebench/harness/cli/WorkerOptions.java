package org.rosebench.harness.cli;

import java.time.Duration;
import org.rosebench.core.util.StopRequest;
import org.rosebench.harness.matrix.MatrixRunner;
import picocli.CommandLine.Option;

/** Options of the commands that work on a matrix as a worker: {@code run} and {@code demo}. */
final class WorkerOptions {

    /** Exit code of a worker stopped by SIGTERM after saving its progress (EX_TEMPFAIL: try again later). */
    static final int EXIT_STOPPED = 75;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "1", description = "attempts after the first "
            + "at a failed cell, counted over all workers and runs (default: ${DEFAULT-VALUE})")
    int maxRetries;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "600", description = "a claim whose heartbeat "
            + "is older than this is taken over (default: ${DEFAULT-VALUE}; a claim of a process gone from this host "
            + "is taken over at once)")
    long leaseSeconds;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "10", description = "how often a worker waiting "
            + "for other workers' trainings looks again (default: ${DEFAULT-VALUE})")
    double pollSeconds;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "200", description = "save a "
            + "training's resumable state every STEPS optimiser steps (default: ${DEFAULT-VALUE}; 0: not by steps)")
    long checkpointSteps;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "10", description = "and at least every "
            + "M minutes (default: ${DEFAULT-VALUE}; 0: not by time). SIGTERM always saves before stopping")
    double checkpointMinutes;

    @Option(names = "--exit-when-idle", description = "exit when nothing is runnable now, instead of waiting for "
            + "evaluations and attacks that other workers' trainings will unblock")
    boolean exitWhenIdle;

    @Option(names = "--adopt-config", description = "make this config the plan of a run directory pinned to another "
            + "one (finished cells whose keys did not change stay done; the old plan is kept under plans/)")
    boolean adoptConfig;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "models-first", converter = OrderConverter.class,
            description = "which cell to take next: models-first (a trained model's evaluations and attacks before "
            + "the next training: results come model by model, a killed job loses at most one training) or "
            + "longest-first (always the most expensive cell: all trainings first). Default: ${DEFAULT-VALUE}")
    MatrixRunner.Order order;

    /** The spelling users type: {@code models-first}, {@code longest-first}. */
    static final class OrderConverter implements picocli.CommandLine.ITypeConverter<MatrixRunner.Order> {
        @Override
        public MatrixRunner.Order convert(String value) {
            for (MatrixRunner.Order o : MatrixRunner.Order.values()) {
                if (o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(value)) {
                    return o;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected models-first or longest-first, got '"
                    + value + "'");
        }
    }

    MatrixRunner configure(MatrixRunner runner) {
        // Slurm's time limit and pre-emption send SIGTERM: finish the step, save, release the claim, exit 75
        StopRequest.installSignalHandler();
        if (checkpointSteps < 0 || checkpointMinutes < 0) {
            throw new IllegalArgumentException("--checkpoint-every and --checkpoint-minutes must be ≥ 0");
        }
        return runner.optCheckpointPolicy(org.rosebench.core.train.CheckpointPolicy.of(checkpointSteps,
                        java.time.Duration.ofMillis(Math.round(checkpointMinutes * 60_000))))
                .optMaxRetries(maxRetries).optLease(Duration.ofSeconds(Math.max(1, leaseSeconds)))
                .optPoll(Duration.ofMillis(Math.max(50, Math.round(pollSeconds * 1000))))
                .optWaitForOthers(!exitWhenIdle).optAdoptConfig(adoptConfig).optOrder(order);
    }

    static int exitCode(MatrixRunner.Summary s) {
        return s.stopped() ? EXIT_STOPPED : s.ok() ? 0 : 1;
    }
}
