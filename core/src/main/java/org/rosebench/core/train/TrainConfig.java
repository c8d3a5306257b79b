package org.rosebench.core.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.rosebench.core.model.DropoutMasks;

/**
 * Trainer settings. Defaults follow the ROSE scripts where they are fixed (AdamW β = (0.9, 0.98), ε = 1e-6,
 * weight decay 0.01, gradient clipping 1.0, linear schedule without warm-up); epochs, batch size, length and lr
 * default to a CPU-friendly setting and are overridden per run.
 *
 * <p>{@code batchSize} is the number of examples per optimiser update. {@code gradAccumSteps} (k, default 1) splits
 * each batch into k micro-batches that are forwarded and back-propagated one after the other, their gradients
 * accumulated, before the single update ({@link TrainingStepper#step}): the same update as one batch, computed with
 * the activation memory of a micro-batch. k must not exceed the batch size.
 */
public record TrainConfig(int epochs, double learningRate, int batchSize, int evalBatchSize, int maxLength, long seed,
        double warmupRatio, int warmupSteps, double weightDecay, double beta1, double beta2, double adamEps,
        double maxGradNorm, int logEverySteps, int gradAccumSteps,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = EngineMasks.class) DropoutMasks dropoutMasks) {

    /**
     * Leaves the engine's masks out of the JSON forms (cell keys, resume fingerprints, metadata): they are what every
     * result recorded before the choice existed used, so those keep their ids and resume states.
     */
    static final class EngineMasks {
        @Override
        public boolean equals(Object o) {
            return o == null || o == DropoutMasks.LIBTORCH;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** HF {@code get_warmup_steps}: {@code warmup_steps} if > 0, else ⌈T·warmup_ratio⌉. */
    public long warmupSteps(long totalSteps) {
        return warmupSteps > 0 ? warmupSteps : (long) Math.ceil(totalSteps * warmupRatio);
    }

    public static final class Builder {
        private int epochs = 3;
        private double learningRate = 5e-5;
        private int batchSize = 32;
        private int evalBatchSize = 64;
        private int maxLength = 128;
        private long seed = 42;
        private double warmupRatio = 0;
        private int warmupSteps = 0;
        private double weightDecay = 0.01;
        private double beta1 = 0.9;
        private double beta2 = 0.98;
        private double adamEps = 1e-6;
        private double maxGradNorm = 1.0;
        private int logEverySteps = 10;
        private int gradAccumSteps = 1;
        private DropoutMasks dropoutMasks = DropoutMasks.LIBTORCH;

        public Builder optEpochs(int v) { epochs = positive("epochs", v); return this; }
        public Builder optLearningRate(double v) { learningRate = v; return this; }
        public Builder optBatchSize(int v) { batchSize = positive("batch size", v); return this; }
        public Builder optEvalBatchSize(int v) { evalBatchSize = positive("eval batch size", v); return this; }
        public Builder optMaxLength(int v) { maxLength = positive("max length", v); return this; }
        public Builder optSeed(long v) { seed = int32("seed", v); return this; }
        public Builder optWarmupRatio(double v) { warmupRatio = v; return this; }
        public Builder optWarmupSteps(int v) { warmupSteps = v; return this; }
        public Builder optWeightDecay(double v) { weightDecay = v; return this; }
        public Builder optBetas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder optAdamEps(double v) { adamEps = v; return this; }
        public Builder optMaxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder optLogEverySteps(int v) { logEverySteps = positive("log interval", v); return this; }
        /** Micro-batches per update (gradient accumulation); 1 = none. */
        public Builder optGradAccumSteps(int v) { gradAccumSteps = positive("grad_accum_steps", v); return this; }
        /** Where dropout masks come from ({@link DropoutMasks}); the engine's by default. */
        public Builder optDropoutMasks(DropoutMasks v) {
            dropoutMasks = java.util.Objects.requireNonNull(v, "dropout mask source");
            return this;
        }

        /** The engine's RNG takes an int: wider seeds would silently share a stream with another seed. */
        private static long int32(String what, long v) {
            if (v != (int) v) {
                throw new IllegalArgumentException(what + " must fit in 32 bits (" + Integer.MIN_VALUE + " to "
                        + Integer.MAX_VALUE + "), got " + v);
            }
            return v;
        }

        private static int positive(String what, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
            return v;
        }

        public TrainConfig build() {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            if (gradAccumSteps > batchSize) {
                throw new IllegalArgumentException("grad_accum_steps (" + gradAccumSteps + ") must not exceed batch_size ("
                        + batchSize + "): a micro-batch holds at least one example");
            }
            return new TrainConfig(epochs, learningRate, batchSize, evalBatchSize, maxLength, seed, warmupRatio,
                    warmupSteps, weightDecay, beta1, beta2, adamEps, maxGradNorm, logEverySteps, gradAccumSteps,
                    dropoutMasks);
        }
    }
}
