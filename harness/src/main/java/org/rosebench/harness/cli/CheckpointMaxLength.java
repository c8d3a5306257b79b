package org.rosebench.harness.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.rosebench.core.train.CheckpointWriter;

/**
 * The max_length for using a fine-tuned checkpoint: {@code --max-length} when given, else the one it was trained
 * with, so that a hand-run evaluation reproduces the matrix's numbers.
 */
final class CheckpointMaxLength {

    /** For checkpoints that predate the training record. */
    static final int FALLBACK = 128;

    private CheckpointMaxLength() {}

    static int resolve(Path checkpoint, Integer option) throws IOException {
        return option != null ? option : CheckpointWriter.trainedMaxLength(checkpoint).orElse(FALLBACK);
    }
}
