package org.rosebench.core;

import java.nio.file.Path;

/** An input file that cannot be used: {@code <file>[:<line>]: <reason>}. */
public class BadInputException extends IllegalArgumentException implements BadInput {

    public BadInputException(Path file, String reason) {
        this(file, 0, reason);
    }

    /** @param line 1-based line number, or 0 if unknown */
    public BadInputException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    }

    public BadInputException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }

    /** For messages that already start with the file name. */
    public BadInputException(String message) {
        super(message);
    }
}
