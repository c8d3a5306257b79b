package org.rosebench.core.util;

import java.util.Objects;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A request that a long job stop at its next safe point. The trainer checks {@link #isRequested()} between
 * optimiser steps: when set, it saves its training state after the current step and throws
 * {@link org.rosebench.core.train.TrainingStopped}, so that the run can be resumed later.
 *
 * <p>{@link #global()} is the process-wide request that {@link #installSignalHandler()} connects to SIGTERM (what
 * batch schedulers send before they kill a job) and that the trainer watches by default.
 */
public final class StopRequest {

    private static final StopRequest GLOBAL = new StopRequest();

    private volatile String reason;

    /** The process-wide request (set by SIGTERM once {@link #installSignalHandler()} ran). */
    public static StopRequest global() {
        return GLOBAL;
    }

    /** Asks the job to stop at its next safe point; the first reason is kept. */
    public void request(String why) {
        Objects.requireNonNull(why, "reason");
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
    }

    public boolean isRequested() {
        return reason != null;
    }

    /** Why the stop was requested; null when it was not. */
    public String reason() {
        return reason;
    }

    /** Withdraws the request (tests; a job that handled it and goes on with other work). */
    public void clear() {
        reason = null;
    }

    /**
     * Makes SIGTERM set {@link #global()} instead of ending the JVM. This <b>replaces the JVM's default SIGTERM
     * behaviour</b> (exit with shutdown hooks) for as long as the handler is installed: a running training loop
     * then saves its state after the current step and stops with {@link org.rosebench.core.train.TrainingStopped},
     * and the caller decides how to exit. A second SIGTERM, while the first is still pending, exits at once with
     * status 143 (128 + 15) as the default handler would, so a job that never reaches a safe point can still be
     * stopped. Closing the returned handle puts the previous handler back.
     */
    public static Installed installSignalHandler() {
        Signal term = new Signal("TERM");
        SignalHandler previous = Signal.handle(term, sig -> {
            if (GLOBAL.isRequested()) {
                System.err.println("[rose-bench] second SIGTERM: exiting now");
                System.exit(128 + sig.getNumber());
            }
            GLOBAL.request("SIGTERM");
            System.err.println("[rose-bench] SIGTERM: stopping after the current step (send it again to exit now)");
        });
        return new Installed(term, previous);
    }

    /** An installed signal handler; {@link #close()} restores the previous one. */
    public static final class Installed implements AutoCloseable {
        private final Signal signal;
        private final SignalHandler previous;

        private Installed(Signal signal, SignalHandler previous) {
            this.signal = signal;
            this.previous = previous;
        }

        @Override
        public void close() {
            Signal.handle(signal, previous);
        }
    }
}
