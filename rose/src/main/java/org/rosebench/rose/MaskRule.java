package org.rosebench.rose;

/**
 * ROSE's quantile rule (algorithms.md §1.7): a tensor is kept (1) exactly when
 * {@code quantile(s, lower%) <= s_k <= quantile(s, upper%)}, otherwise frozen (0).
 */
public final class MaskRule {

    private MaskRule() {}

    /** 0/1 mask over the saliencies, in their order. NaN saliencies (or thresholds) give 0, as in torch. */
    public static float[] keepWithinQuantiles(float[] saliency, int lowerPercent, int upperPercent) {
        float lo = Quantile.linear(saliency, Quantile.level(lowerPercent));
        float hi = Quantile.linear(saliency, Quantile.level(upperPercent));
        float[] mask = new float[saliency.length];
        for (int k = 0; k < saliency.length; k++) {
            mask[k] = saliency[k] >= lo && saliency[k] <= hi ? 1f : 0f;
        }
        return mask;
    }

    /**
     * The ensemble mask {@code (1−γ)·second + γ·first}: γ is a Python float, so 1−γ is formed in double and both
     * weights enter the float32 arithmetic as float32 scalars.
     */
    public static float[] ensemble(float[] second, float[] first, double gamma) {
        if (second.length != first.length) {
            throw new IllegalArgumentException("mask lengths differ: " + second.length + " vs " + first.length);
        }
        float wSecond = (float) (1.0 - gamma);
        float wFirst = (float) gamma;
        float[] out = new float[second.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = wSecond * second[k] + wFirst * first[k];
        }
        return out;
    }

    /** All ones: the second-order mask before the optimiser has any state. */
    public static float[] keepAll(int n) {
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }
}
