package org.rosebench.rose;

import java.util.Arrays;

/**
 * {@code torch.quantile} with its default linear interpolation, in the float32 arithmetic of PyTorch's kernel
 * (ATen {@code quantile_impl}): rank = q·(n−1) as a float32 product, below = (long) rank, weight = rank − below,
 * above = ceil(rank), then {@code lerp} of the sorted values. Bit-exact agreement matters because the masks
 * compare saliencies against these thresholds.
 */
public final class Quantile {

    private Quantile() {}

    /**
     * The float32 quantile level for a percent from the command line. The authors compute {@code upper / 100.0}
     * in Python (double) and store it in a float32 tensor.
     */
    public static float level(int percent) {
        return (float) (percent / 100.0);
    }

    /**
     * The q-quantile of {@code values}; {@code q} is rounded to float32 first, as torch requires q to have the
     * input's dtype. Any NaN makes the result NaN, as in torch.
     */
    public static float linear(float[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantile of an empty array");
        }
        float level = (float) q;
        if (!(level >= 0f && level <= 1f)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        float[] sorted = values.clone();
        for (float v : sorted) {
            if (Float.isNaN(v)) {
                return Float.NaN;
            }
        }
        Arrays.sort(sorted);
        float rank = level * (float) (sorted.length - 1); // float32 tensor times an integer scalar
        int below = (int) rank;
        float weight = rank - below;
        int above = (int) Math.ceil(rank);
        return lerp(sorted[below], sorted[above], weight);
    }

    /** ATen's lerp: exact at both ends, the formula switching at weight 0.5. */
    static float lerp(float start, float end, float weight) {
        return Math.abs(weight) < 0.5f
                ? start + weight * (end - start)
                : end - (end - start) * (1f - weight);
    }
}
