package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import java.util.ArrayList;
import java.util.List;

/**
 * ROSE-Second (docs/rose.md §6): {@code s_k = |0.1·‖g_k‖/‖m_k‖ − 1|} with g the (clipped) CE gradient and m
 * the Adam first moment before this step's update. The 0.1 is the authors' literal, not tied to β1.
 */
public final class SecondOrderSaliency {

    private SecondOrderSaliency() {}

    /** The saliencies, in float32 arithmetic as torch does it on the stacked norms. */
    public static float[] of(List<NDArray> gradients, List<NDArray> firstMoments) {
        if (gradients.size() != firstMoments.size()) {
            throw new IllegalArgumentException(gradients.size() + " gradients but " + firstMoments.size() + " moments");
        }
        int n = gradients.size();
        List<NDArray> both = new ArrayList<>(gradients);
        both.addAll(firstMoments);
        float[] norms;
        try (NDScope ignored = new NDScope()) {
            norms = Norms.of(both);
        }
        float[] s = new float[n];
        for (int k = 0; k < n; k++) {
            s[k] = Math.abs(0.1f * (norms[k] / norms[n + k]) - 1f);
        }
        return s;
    }
}
