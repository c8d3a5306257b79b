package org.rosebench.rose;

import java.util.Locale;

/**
 * What the quantile rule does with a NaN saliency. It arises only when a tensor's gradient and Adam first moment
 * are both zero (ROSE-Second's {@code 0·‖g‖/‖m‖} is 0/0), which the authors' objective never produces but a base
 * method that masks gradients can: a ChildTuning-D child network that leaves a whole tensor (say a LayerNorm
 * weight) outside makes that tensor's saliency NaN at every step.
 */
public enum NanSaliency {
    /**
     * torch's behaviour, and so the authors' code: {@code torch.quantile} of a vector holding a NaN is NaN, every
     * comparison with it is false, and every eligible tensor is frozen at every step.
     */
    FREEZE_ALL,
    /**
     * Our default: the NaN tensors are frozen (they have nothing to update) and the thresholds are the quantiles of
     * the finite saliencies only. Identical to {@link #FREEZE_ALL} whenever no saliency is NaN.
     */
    EXCLUDE;

    /** The parameter value: {@code freeze-all} or {@code exclude}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static NanSaliency parse(String s) {
        for (NanSaliency v : values()) {
            if (v.id().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("nan_saliency must be freeze-all or exclude, got '" + s + "'");
    }
}
