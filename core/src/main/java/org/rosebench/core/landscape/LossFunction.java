package org.rosebench.core.landscape;

import org.rosebench.core.model.Weights;

/**
 * A loss over fixed data as a function of the tensors in {@link #weights()}: what {@link LandscapeAnalysis} probes.
 * Implementations read the tensors from {@link #weights()} at every call, so tensors swapped in are the ones used.
 */
public interface LossFunction {

    /** The parameters the analysis perturbs (every tensor in it). */
    Weights weights();

    /** The mean loss at the weights as they are now, deterministic (no dropout), without autograd. */
    double loss();

    /**
     * The same loss, with the gradient of the mean loss left in {@code getGradient()} of every tensor of
     * {@link #weights()}. The analysis calls it only with fresh tensors that require gradients (so no gradient is
     * accumulated on top of an earlier one).
     */
    double lossWithGradient();
}
