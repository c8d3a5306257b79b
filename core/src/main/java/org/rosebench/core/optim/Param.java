package org.rosebench.core.optim;

import ai.djl.ndarray.NDArray;

import java.util.Objects;

/**
 * One trainable tensor as the optimiser sees it: its HuggingFace name, its value (float32; switching on
 * {@code setRequiresGradient(true)} is the owner's business) and the weight decay of its parameter group.
 *
 * @param name        HuggingFace parameter name, e.g. {@code roberta.encoder.layer.0.attention.self.query.weight}
 * @param value       the live parameter array, updated in place by {@link AdamW}
 * @param weightDecay decoupled weight decay of this tensor's group (0.01 or 0.0 in the ROSE scripts)
 */
public record Param(String name, NDArray value, double weightDecay) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(weightDecay >= 0.0)) {
            throw new IllegalArgumentException(name + ": weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** A parameter whose group follows the HF/ROSE rule of {@link #defaultWeightDecay(String, double)}. */
    public static Param withDefaultDecay(String name, NDArray value, double weightDecay) {
        return new Param(name, value, defaultWeightDecay(name, weightDecay));
    }

    /**
     * HF Trainer grouping (also the ROSE trainer's): biases and LayerNorm parameters are not decayed, everything
     * else (embeddings and classifier weights included) gets {@code weightDecay}.
     */
    public static double defaultWeightDecay(String name, double weightDecay) {
        boolean noDecay = name.contains("bias") || name.contains("LayerNorm.weight") || name.contains("LayerNorm.bias");
        return noDecay ? 0.0 : weightDecay;
    }

    /**
     * ROSE's eligibility rule (SparseAdamW.check_apply_sparse): the name contains both "layer" and "weight",
     * case-sensitive, so the embedding LayerNorm ("LayerNorm" has a capital L) is not eligible.
     */
    public static boolean isEligible(String name) {
        return name.contains("layer") && name.contains("weight");
    }

    /** Whether ROSE may mask this tensor; see {@link #isEligible(String)}. */
    public boolean eligible() {
        return isEligible(name);
    }
}
