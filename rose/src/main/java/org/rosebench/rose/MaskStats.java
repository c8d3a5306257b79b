package org.rosebench.rose;

/**
 * Per-step diagnostics of the mask over the eligible tensors.
 *
 * @param step      the Adam step number the mask was computed for (1-based)
 * @param applied   whether the optimiser applies it (a masking variant and step &gt; the optimiser's mask warm-up)
 * @param eligible  number of eligible tensors
 * @param fullyKept tensors with mask exactly 1 (updated normally)
 * @param frozen    tensors with mask exactly 0 (no update, no decay)
 * @param meanMask  mean mask value: for the ensemble, whose masks take values in {0, γ, 1−γ, 1}, this is the
 *                  average share of the normal update the tensors receive; for 0/1 masks it equals the kept
 *                  fraction
 */
public record MaskStats(int step, boolean applied, int eligible, int fullyKept, int frozen, double meanMask) {

    static MaskStats of(int step, boolean applied, float[] mask) {
        int kept = 0;
        int frozen = 0;
        double sum = 0;
        for (float m : mask) {
            kept += m == 1f ? 1 : 0;
            frozen += m == 0f ? 1 : 0;
            sum += m;
        }
        return new MaskStats(step, applied, mask.length, kept, frozen, mask.length == 0 ? 1.0 : sum / mask.length);
    }

    /**
     * The statistics of what the optimiser applies this step: these once {@link #applied()}; before (mask warm-up,
     * or a variant that does not mask) every eligible tensor is updated normally, as under an all-ones mask.
     */
    public MaskStats asUpdated() {
        return applied ? this : new MaskStats(step, false, eligible, eligible, 0, 1.0);
    }

    /** Fraction of eligible tensors with mask 1. */
    public double keptFraction() {
        return eligible == 0 ? 1.0 : (double) fullyKept / eligible;
    }

    /** Fraction of eligible tensors with mask 0. */
    public double frozenFraction() {
        return eligible == 0 ? 0.0 : (double) frozen / eligible;
    }
}
