package org.rosebench.core.method;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

/**
 * Chooses, at every step, how much of each tensor's update to apply (ROSE's selective AdamW). A selector composes
 * with any {@link FineTuningMethod}: the method defines the objective, the selector the per-tensor masks, so
 * "R3F + ROSE-Ensemble" is configuration ({@code r3f+rose-ensemble}), not code.
 */
public interface UpdateSelector {

    String name();

    Map<String, String> parameters();

    /**
     * Training-mode passes the selector needs from the objective. When the method returns fewer, the trainer runs
     * the method's forward again and averages the losses (for vanilla: ROSE-First's two-pass CE exactly).
     */
    default int requiredPasses() {
        return 1;
    }

    /**
     * After the forward pass and before the training loss is back-propagated: a selector may back-propagate a
     * probe loss through {@link ProbeGradients} (the graph is kept and the gradients are zeroed afterwards).
     */
    default void probe(StepOutput output, ProbeGradients gradients) {}

    /** Masks for this step's update from the clipped gradients and the optimiser's state before the update. */
    TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer);

    /** Diagnostics of the last step (e.g. fraction of eligible tensors kept), logged per step. */
    default Map<String, Double> diagnostics() {
        return Map.of();
    }

    /** Access to a probe backward for {@link #probe}. */
    interface ProbeGradients {
        /** The parameters in optimiser order. */
        List<Param> params();

        /**
         * Back-propagates {@code loss} keeping the graph, returns copies of the gradients of the {@code wanted}
         * tensors ({@code null} for the others), and leaves every gradient zero again for the training loss's
         * backward.
         */
        List<NDArray> backward(NDArray loss, java.util.function.Predicate<org.rosebench.core.optim.Param> wanted);
    }
}
