package org.rosebench.core.train;

import java.time.Duration;

/**
 * When the trainer saves its resumable training state ({@code <outDir>/resume/}): after a step once
 * {@code everySteps} steps or {@code every} of wall time have passed since the last save (or the start of this
 * process's training), whichever comes first. Zero disables a trigger; {@link #NEVER} disables both, leaving only the
 * save on a stop request. Saving never changes what training computes, so the policy is not part of
 * {@link TrainConfig} nor of any cell key.
 */
public record CheckpointPolicy(long everySteps, Duration every) {

    /** Every 200 steps or 10 minutes, whichever first. */
    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(200, Duration.ofMinutes(10));

    /** No periodic saves (a stop request still saves). */
    public static final CheckpointPolicy NEVER = new CheckpointPolicy(0, Duration.ZERO);

    public CheckpointPolicy {
        if (everySteps < 0) {
            throw new IllegalArgumentException("checkpoint interval in steps must be >= 0, got " + everySteps);
        }
        if (every == null || every.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval in time must be >= 0, got " + every);
        }
    }

    public static CheckpointPolicy of(long everySteps, Duration every) {
        return new CheckpointPolicy(everySteps, every);
    }

    public boolean enabled() {
        return everySteps > 0 || !every.isZero();
    }

    /** Whether a save is due after {@code stepsSinceSave} steps and {@code nanosSinceSave} of wall time. */
    public boolean due(long stepsSinceSave, long nanosSinceSave) {
        return (everySteps > 0 && stepsSinceSave >= everySteps)
                || (!every.isZero() && stepsSinceSave > 0 && nanosSinceSave >= every.toNanos());
    }
}
