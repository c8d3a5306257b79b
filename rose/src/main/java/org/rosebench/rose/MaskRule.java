package org.rosebench.rose;

/**
 * ROSE's quantile rule (docs/rose.md §7): a tensor is kept (1) exactly when
 * {@code quantile(s, lower%) <= s_k <= quantile(s, upper%)}, otherwise frozen (0).
 */
public final class MaskRule {

    private MaskRule() {}

    /** 0/1 mask over the saliencies, in their order. NaN saliencies (or thresholds) give 0, as in torch. */
    public static float[] keepWithinQuantiles(float[] saliency, int lowerPercent, int upperPercent) {
        return keepWithinQuantiles(saliency, lowerPercent, upperPercent, NanSaliency.FREEZE_ALL);
    }

    /**
     * 0/1 mask over the saliencies. A NaN saliency is always 0; with {@link NanSaliency#FREEZE_ALL} it also makes
     * the thresholds NaN and so every mask entry 0 (torch), with {@link NanSaliency#EXCLUDE} the thresholds are
     * the quantiles of the other saliencies.
     */
    public static float[] keepWithinQuantiles(float[] saliency, int lowerPercent, int upperPercent,
            NanSaliency nanPolicy) {
        float[] ranked = nanPolicy == NanSaliency.EXCLUDE ? withoutNaN(saliency) : saliency;
        if (ranked.length == 0) {
            return new float[saliency.length]; // nothing rankable: every tensor is frozen either way
        }
        float lo = Quantile.linear(ranked, Quantile.level(lowerPercent));
        float hi = Quantile.linear(ranked, Quantile.level(upperPercent));
        float[] mask = new float[saliency.length];
        for (int k = 0; k < saliency.length; k++) {
            mask[k] = saliency[k] >= lo && saliency[k] <= hi ? 1f : 0f;
        }
        return mask;
    }

    /** The saliencies that are not NaN, in order. */
    static float[] withoutNaN(float[] saliency) {
        float[] out = new float[saliency.length - countNaN(saliency)];
        int i = 0;
        for (float v : saliency) {
            if (!Float.isNaN(v)) {
                out[i++] = v;
            }
        }
        return out;
    }

    /** The number of NaN saliencies. */
    public static int countNaN(float[] saliency) {
        int n = 0;
        for (float v : saliency) {
            n += Float.isNaN(v) ? 1 : 0;
        }
        return n;
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
