package org.rosebench.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.List;
import java.util.Objects;

/** {@code torch.nn.utils.clip_grad_norm_} with the L2 norm, as the HF Trainer calls it before the optimiser. */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales all gradients in place by {@code maxNorm / (total + 1e-6)} when that is below 1, where {@code total}
     * is the L2 norm over all gradients (torch: the norm of the stacked per-tensor norms, float32). Null entries
     * are skipped ({@code p.grad is None}).
     *
     * @return the total norm before clipping
     */
    public static float clipGlobalNorm(List<NDArray> grads, float maxNorm) {
        List<NDArray> present = grads.stream().filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return 0f;
        }
        float total;
        try (NDScope ignored = new NDScope()) {
            float[] norms = new float[present.size()];
            for (int i = 0; i < norms.length; i++) {
                norms[i] = present.get(i).norm().getFloat();
            }
            NDManager manager = present.get(0).getManager();
            total = manager.create(norms).norm().getFloat();
        }
        // torch: max_norm / (total + 1e-6) is Tensor.__rtruediv__, i.e. reciprocal() then multiply, in float32
        float coef = (1f / (total + (float) 1e-6)) * maxNorm;
        if (coef < 1f) {
            try (GradMode ignored = GradMode.disabled()) {
                for (NDArray g : present) {
                    g.muli(coef);
                }
            }
        }
        return total;
    }
}
