package org.rosebench.core.model;

/** A tensor a module declares: HF name, shape, and how HF initialises it when a checkpoint lacks it. */
public record TensorSpec(String name, long[] shape, Init init) {

    public enum Init {
        /** N(0, initializer_range): Linear and Embedding weights. */
        NORMAL,
        /** zeros: biases. */
        ZEROS,
        /** ones: LayerNorm weights. */
        ONES
    }

    public static TensorSpec normal(String name, long... shape) {
        return new TensorSpec(name, shape, Init.NORMAL);
    }

    public static TensorSpec zeros(String name, long... shape) {
        return new TensorSpec(name, shape, Init.ZEROS);
    }

    public static TensorSpec ones(String name, long... shape) {
        return new TensorSpec(name, shape, Init.ONES);
    }
}
