package org.rosebench.core.method;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
     * Whether {@link #probe} back-propagates a probe loss. The trainer then runs the step's word-embedding lookups
     * from detached leaves, so the probe does not also compute the dense vocab×H table gradient it never reads.
     */
    default boolean probes() {
        return false;
    }

    /**
     * After the forward pass and before the training loss is back-propagated: a selector may back-propagate a
     * probe loss through {@link ProbeGradients} (the graph is kept and the gradients are zeroed afterwards). With
     * gradient accumulation this runs once per micro-batch (see {@link ProbeGradients#backward}).
     */
    default void probe(StepOutput output, ProbeGradients gradients) {}

    /** Masks for this step's update from the clipped gradients and the optimiser's state before the update. */
    TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer);

    /** Diagnostics of the last step (e.g. fraction of eligible tensors kept), logged per step. */
    default Map<String, Double> diagnostics() {
        return Map.of();
    }

    /**
     * What this selector keeps across steps that a resumed run needs back (besides the optimiser state it reads);
     * called between steps when the trainer saves its state. Empty by default.
     */
    default MethodState state() {
        return MethodState.EMPTY;
    }

    /** Restores what {@link #state()} returned, before the first step of a resumed run. Nothing by default. */
    default void restore(MethodState state) {}

    /** Access to a probe backward for {@link #probe}. */
    interface ProbeGradients {
        /** The parameters in optimiser order. */
        List<Param> params();

        /** False while the optimiser ignores masks (its mask warm-up): a probe then cannot change the update. */
        boolean masksApply();

        /**
         * Back-propagates {@code loss} keeping the graph, hands the live gradients of the {@code wanted} tensors
         * ({@code null} for the others) to {@code read}, then zeroes every gradient for the training loss's
         * backward. {@code read} must not keep the arrays; reduce them on the device (e.g. to norms) instead.
         *
         * <p>With gradient accumulation ({@code TrainConfig.gradAccumSteps() > 1}) {@link #probe} runs once per
         * micro-batch with that micro-batch's passes. Each call back-propagates that micro-batch's probe loss, the
         * gradients are summed over the micro-batches, and {@code read} is called once, at the last micro-batch,
         * with the sums. The statistic is then exactly the whole batch's when the batch's probe loss is the sum of
         * its micro-batches' (a sum over examples, as ROSE's KL probe; a mean over examples must be multiplied by
         * {@link #share()}). A selector must call this at every micro-batch of a step or at none.
         */
        void backward(NDArray loss, Predicate<Param> wanted, Consumer<List<NDArray>> read);

        /** This micro-batch's fraction of the batch's examples: 1 without gradient accumulation. */
        default double share() {
            return 1;
        }
    }
}
