package org.rosebench.core.train;

import java.nio.file.Path;

/**
 * Training stopped on request ({@link org.rosebench.core.util.StopRequest}) after its state was saved: calling
 * {@link Trainer#train} again with the same output directory and inputs resumes at {@link #step()} + 1. Not a
 * failure; a command line exits with {@link #EXIT_CODE} so that a scheduler can tell it from an error.
 */
public final class TrainingStopped extends RuntimeException {

    /** Suggested process exit status (EX_TEMPFAIL: "try again later"). */
    public static final int EXIT_CODE = 75;

    private final long step;
    private final long totalSteps;
    private final Path stateDir;
    private final String reason;

    public TrainingStopped(long step, long totalSteps, Path stateDir, String reason) {
        super("training stopped (" + reason + ") after step " + step + "/" + totalSteps + "; state saved in "
                + stateDir + ", run again to resume");
        this.step = step;
        this.totalSteps = totalSteps;
        this.stateDir = stateDir;
        this.reason = reason;
    }

    /** The last completed step, included in the saved state. */
    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** The saved state ({@code <outDir>/resume}). */
    public Path stateDir() {
        return stateDir;
    }

    public String reason() {
        return reason;
    }
}
