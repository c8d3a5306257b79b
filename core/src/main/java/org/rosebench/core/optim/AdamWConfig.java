package org.rosebench.core.optim;

/**
 * Hyper-parameters of {@link AdamW}. Kept in double because the authors' Python code holds them as Python floats
 * and derives the per-step scalars (1−β, bias corrections, step size, −lr·wd) in double before PyTorch casts
 * them to float32.
 *
 * @param beta1           first-moment decay
 * @param beta2           second-moment decay
 * @param eps             added to sqrt(v)
 * @param weightDecay     decay of the decay group; used to build {@link Param}s, each Param carries its own value
 * @param correctBias     HF's {@code correct_bias} (true in ROSE)
 * @param maskWarmupSteps SparseAdamW's {@code num_warmup_steps}: masks apply only once a tensor's step count
 *                        exceeds it
 */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay, boolean correctBias,
                          int maskWarmupSteps) {

    public AdamWConfig {
        if (!(beta1 >= 0.0 && beta1 < 1.0) || !(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("betas must be in [0, 1): " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0.0) || !(weightDecay >= 0.0) || maskWarmupSteps < 0) {
            throw new IllegalArgumentException("eps, weightDecay and maskWarmupSteps must be >= 0");
        }
    }

    /** The ROSE scripts' settings: betas (0.9, 0.98), eps 1e-6, weight decay 0.01, bias correction, no warm-up. */
    public static AdamWConfig rose() {
        return new AdamWConfig(0.9, 0.98, 1e-6, 0.01, true, 0);
    }

    public AdamWConfig withBetas(double b1, double b2) {
        return new AdamWConfig(b1, b2, eps, weightDecay, correctBias, maskWarmupSteps);
    }

    public AdamWConfig withEps(double e) {
        return new AdamWConfig(beta1, beta2, e, weightDecay, correctBias, maskWarmupSteps);
    }

    public AdamWConfig withWeightDecay(double wd) {
        return new AdamWConfig(beta1, beta2, eps, wd, correctBias, maskWarmupSteps);
    }

    public AdamWConfig withCorrectBias(boolean cb) {
        return new AdamWConfig(beta1, beta2, eps, weightDecay, cb, maskWarmupSteps);
    }

    public AdamWConfig withMaskWarmupSteps(int steps) {
        return new AdamWConfig(beta1, beta2, eps, weightDecay, correctBias, steps);
    }
}
