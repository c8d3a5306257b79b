package org.rosebench.attacks.io;

import java.io.Closeable;
import java.io.IOException;
import org.rosebench.attacks.AttackResult;

/** Receives results as each example finishes. */
public interface ResultSink extends Closeable {

    /** Writes one result and flushes it, so a crash loses at most the example in progress. */
    void write(AttackResult result) throws IOException;
}
