package org.rosebench.attacks;

/**
 * Running totals of an attack run, for a progress display.
 *
 * @param succeeded      successful attacks so far (resumed ones included)
 * @param failed         failed attacks so far
 * @param skipped        skipped examples so far
 * @param total          examples in the run (resumed ones included)
 * @param queries        queries spent in this session ({@code totalQueries}, resumed results excluded)
 * @param elapsedSeconds wall-clock seconds of this session
 */
public record AttackProgress(int succeeded, int failed, int skipped, int total, long queries,
        double elapsedSeconds) {

    public int done() {
        return succeeded + failed + skipped;
    }

    /** Queries per second in this session, 0 before any time has passed. */
    public double queriesPerSecond() {
        return elapsedSeconds > 0 ? queries / elapsedSeconds : 0;
    }
}
