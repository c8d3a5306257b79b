package org.rosebench.harness.run;

import org.rosebench.attacks.AttackProgress;
import org.rosebench.attacks.AttackProgressListener;
import org.rosebench.attacks.AttackResult;
import org.rosebench.core.util.Progress;

/** Progress bar of an attack run: Succeeded / Failed / Skipped / Total and victim queries per second. */
public final class AttackProgressBar implements AttackProgressListener, AutoCloseable {
    private final String name;
    private Progress progress;
    private int resumed;

    public AttackProgressBar(String name) {
        this.name = name;
    }

    @Override
    public void started(int total, int alreadyDone) {
        resumed = alreadyDone;
        progress = Progress.start("attack " + name, total, "ex", alreadyDone);
    }

    @Override
    public void resultWritten(AttackResult result, AttackProgress p) {
        progress.stepBy(1, String.format("S/F/K %d/%d/%d of %d, %.1f q/s", p.succeeded(), p.failed(),
                p.skipped(), p.total(), p.queriesPerSecond()));
    }

    /** Examples whose results were already in the file (an interrupted attack resumed). */
    public int resumedExamples() {
        return resumed;
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }
}
