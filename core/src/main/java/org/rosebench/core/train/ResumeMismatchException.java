package org.rosebench.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * The output directory holds the saved state of another run (different config, method, data, model or trainer
 * version): resuming it would not give this run's result, so the trainer refuses. The message names the differences.
 */
public final class ResumeMismatchException extends IllegalStateException {

    private final Path stateDir;
    private final List<String> differences;

    public ResumeMismatchException(Path stateDir, List<String> differences) {
        super(stateDir + " holds the training state of a different run, not resumed: " + String.join("; ", differences)
                + ". Use another output directory, or delete " + stateDir + " to start this run from scratch");
        this.stateDir = stateDir;
        this.differences = List.copyOf(differences);
    }

    public Path stateDir() {
        return stateDir;
    }

    /** One "field: saved X, now Y" entry per difference. */
    public List<String> differences() {
        return differences;
    }
}
