package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import java.util.List;

/** ROSE-First (docs/rose.md §5): the saliency of a tensor is the L2 norm of its KL-probe gradient. */
public final class FirstOrderSaliency {

    private FirstOrderSaliency() {}

    /** One saliency per gradient, computed by the engine's float32 norm like {@code torch.norm(p.grad)}. */
    public static float[] of(List<NDArray> klGradients) {
        try (NDScope ignored = new NDScope()) {
            return Norms.of(klGradients);
        }
    }
}
