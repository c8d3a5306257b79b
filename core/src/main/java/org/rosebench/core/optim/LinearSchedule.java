package org.rosebench.core.optim;

/**
 * HF {@code get_linear_schedule_with_warmup}: the LambdaLR multiplier
 * {@code step < W ? step / max(1, W) : max(0, (T − step) / max(1, T − W))}, where {@code step} is the scheduler's
 * counter, i.e. the number of optimiser updates already done. The k-th update (1-based) therefore uses
 * {@code lambda(k − 1)}; with W = 0 the first update uses the full lr and the k-th uses lr·(T−k+1)/T.
 */
public final class LinearSchedule {

    private final int warmupSteps;
    private final int totalSteps;

    public LinearSchedule(int warmupSteps, int totalSteps) {
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException("warmup and total steps must be >= 0");
        }
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    /** HF's lambda for the scheduler counter {@code step} (0-based). */
    public double multiplier(int step) {
        if (step < warmupSteps) {
            return (double) step / (double) Math.max(1, warmupSteps);
        }
        return Math.max(0.0, (double) (totalSteps - step) / (double) Math.max(1, totalSteps - warmupSteps));
    }

    /** The learning rate of the k-th optimiser update (k = 1…T): {@code baseLr · lambda(k − 1)}. */
    public double lrForUpdate(double baseLr, int update) {
        if (update < 1) {
            throw new IllegalArgumentException("updates are numbered from 1, got " + update);
        }
        return baseLr * multiplier(update - 1);
    }

    /** HF {@code get_warmup_steps}: {@code warmupSteps} if &gt; 0, else ceil(T·warmupRatio). */
    public static int warmupSteps(int warmupSteps, double warmupRatio, int totalSteps) {
        return warmupSteps > 0 ? warmupSteps : (int) Math.ceil(totalSteps * warmupRatio);
    }

    public int warmupSteps() {
        return warmupSteps;
    }

    public int totalSteps() {
        return totalSteps;
    }
}
