package org.rosebench.attacks;

/** Callbacks from {@link AttackRunner}, e.g. for a progress bar; all default to doing nothing. */
public interface AttackProgressListener {

    /** Before the first example; {@code alreadyDone} results were loaded from the output when resuming. */
    default void started(int total, int alreadyDone) {
    }

    /** After each example, once its result has been written. */
    default void resultWritten(AttackResult result, AttackProgress progress) {
    }

    /** After the last example, with the summary over all results (resumed ones included). */
    default void finished(AttackSummary summary) {
    }
}
