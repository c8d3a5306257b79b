package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import java.util.List;

/**
 * ROSE-Second (algorithms.md §1.6): {@code s_k = |0.1·‖g_k‖/‖m_k‖ − 1|} with g the (clipped) CE gradient and m
 * the Adam first moment before this step's update. The 0.1 is the authors' literal, not tied to β1.
 */
public final class SecondOrderSaliency {

    private SecondOrderSaliency() {}

    /** The saliencies, in float32 arithmetic as torch does it on the stacked norms. */
    public static float[] of(List<NDArray> gradients, List<NDArray> firstMoments) {
        if (gradients.size() != firstMoments.size()) {
            throw new IllegalArgumentException(gradients.size() + " gradients but " + firstMoments.size() + " moments");
        }
        float[] s = new float[gradients.size()];
        try (NDScope ignored = new NDScope()) {
            for (int k = 0; k < s.length; k++) {
                float g = gradients.get(k).norm().getFloat();
                float m = firstMoments.get(k).norm().getFloat();
                s[k] = Math.abs(0.1f * (g / m) - 1f);
            }
        }
        return s;
    }
}
