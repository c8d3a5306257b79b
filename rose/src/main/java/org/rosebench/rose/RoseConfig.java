package org.rosebench.rose;

/**
 * ROSE's selection settings, as on the authors' command line.
 *
 * @param variant        which mask(s) to compute
 * @param upper          upper quantile, integer percent ({@code --upper}); tensors above it are frozen
 * @param lower          lower quantile, integer percent ({@code --lower}, 0 in every released script)
 * @param gamma          ensemble weight of the first-order mask ({@code --gamma}, 0.5 in the README)
 * @param numWarmupSteps the mask warm-up of the AdamW that {@link RoseOptimizer} builds: masks apply only once a
 *                       tensor's Adam step count exceeds this (0 in every script); they are still computed before.
 *                       {@link RoseSelector} reads the warm-up from the AdamW it is given, so in the trainer (which
 *                       configures AdamW with its LR warm-up) this field is unused
 * @param nanSaliency    how the quantile rule treats NaN saliencies (only a gradient-masking base method makes them)
 */
public record RoseConfig(RoseVariant variant, int upper, int lower, double gamma, int numWarmupSteps,
        NanSaliency nanSaliency) {

    public RoseConfig {
        if (variant == null) {
            throw new IllegalArgumentException("variant is required");
        }
        if (lower < 0 || upper > 100 || lower > upper) {
            throw new IllegalArgumentException("need 0 <= lower <= upper <= 100, got " + lower + ", " + upper);
        }
        if (!(gamma >= 0.0 && gamma <= 1.0) || numWarmupSteps < 0) {
            throw new IllegalArgumentException("need gamma in [0, 1] and numWarmupSteps >= 0");
        }
        if (nanSaliency == null) {
            throw new IllegalArgumentException("nanSaliency is required");
        }
    }

    /** Settings with the default NaN policy ({@link NanSaliency#EXCLUDE}). */
    public RoseConfig(RoseVariant variant, int upper, int lower, double gamma, int numWarmupSteps) {
        this(variant, upper, lower, gamma, numWarmupSteps, NanSaliency.EXCLUDE);
    }

    /** The README defaults around a variant and its upper percent: lower 0, γ 0.5, no warm-up. */
    public static RoseConfig of(RoseVariant variant, int upper) {
        return new RoseConfig(variant, upper, 0, 0.5, 0);
    }

    public static RoseConfig vanilla() {
        return new RoseConfig(RoseVariant.VANILLA, 100, 0, 0.5, 0);
    }
}
