package org.rosebench.core.data;

import java.nio.file.Path;
import org.rosebench.core.BadInput;

/**
 * A data file's content is malformed. The message has the compiler-style form
 * {@code <file>:<line>[:<column>]: <reason>} (or {@code <file>: <reason>} when no line is known), so that
 * the offending spot can be opened directly.
 */
public class DataFormatException extends DataException implements BadInput {

    private final transient Path file;
    private final int line;
    private final int column;
    private final String reason;

    /** @param line 1-based line number, or 0 if unknown */
    public DataFormatException(Path file, int line, String reason) {
        this(file, line, 0, reason, null);
    }

    /**
     * @param line   1-based line number, or 0 if unknown
     * @param column 1-based column number, or 0 if unknown
     */
    public DataFormatException(Path file, int line, int column, String reason, Throwable cause) {
        super(location(file, line, column) + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String location(Path file, int line, int column) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column number, 0 if unknown. */
    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
