package org.rosebench.core.data;

/** A data file could not be found or read. Unchecked so that callers need only one catch for data problems. */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
