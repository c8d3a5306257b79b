package org.rosebench.core;

/**
 * Marks an exception caused by what the user handed in (a config, a data file, a checkpoint, a tokenizer, a run
 * directory) rather than by the program or the machine. Its message names the file, the line when there is one,
 * and the reason; the CLI prints that line and exits 2, keeping 1 for genuine runtime failures.
 */
public interface BadInput {

    /** The first {@link BadInput} in a chain of causes, or null when the failure is not the input's fault. */
    static Throwable find(Throwable failure) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof BadInput) {
                return t;
            }
        }
        return null;
    }
}
