package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes ROSE's per-tensor masks for one optimiser step, in the authors' order (docs/rose.md §10):
 * {@link #observeKlGradients} after the KL-probe backward (First/Ensemble), then {@link #selectForStep} with the
 * clipped CE gradients just before the AdamW update (Second/Ensemble compute M² there, from the optimiser's
 * previous first moments). Eligible tensors are ranked together in the order of the parameter list, which must
 * be the optimiser order (decay group first, then no-decay group).
 */
public final class RoseSelector {

    private final RoseConfig config;
    private List<String> firstOrderNames;
    private float[] firstOrderMask;
    private MaskStats lastStats;
    private boolean warnedNaN;
    private int nanFirst;
    private int nanSecond;

    public RoseSelector(RoseConfig config) {
        this.config = config;
    }

    public RoseConfig config() {
        return config;
    }

    /**
     * First-order mask M¹ from the KL-probe gradients ({@code klGrads.get(i)} belongs to {@code params.get(i)};
     * null entries are skipped). Must be called once before every step of First/Ensemble.
     */
    public void observeKlGradients(List<Param> params, List<NDArray> klGrads) {
        if (!config.variant().usesFirstOrder()) {
            throw new IllegalStateException(config.variant() + " does not use a first-order mask");
        }
        Eligible e = Eligible.of(params, klGrads);
        float[] saliency = FirstOrderSaliency.of(e.grads());
        nanFirst = MaskRule.countNaN(saliency);
        firstOrderMask = mask(saliency, nanFirst);
        firstOrderNames = e.names();
    }

    /** No KL probe this step (mask warm-up, where the mask is not applied): M¹ is all ones. */
    public void skipKlProbe(List<Param> params) {
        List<String> names = new ArrayList<>();
        for (Param p : params) {
            if (p.eligible()) {
                names.add(p.name());
            }
        }
        firstOrderMask = MaskRule.keepAll(names.size());
        firstOrderNames = names;
        nanFirst = 0;
    }

    /**
     * The masks of this step, computed from the CE gradients that the update will use (after clipping) and the
     * optimiser's state before the update. Masks are returned even while the step is within the optimiser's mask
     * warm-up ({@code step <= optimizer.config().maskWarmupSteps()}); AdamW then ignores them, as SparseAdamW does,
     * and {@link #lastStats()} says so ({@link MaskStats#applied()} false). The warm-up is read from
     * {@code optimizer}, the one that applies the masks, not from {@link RoseConfig#numWarmupSteps()}. Vanilla
     * returns {@link TensorMasks#none()}.
     */
    public TensorMasks selectForStep(List<Param> params, List<NDArray> grads, AdamW optimizer) {
        Eligible e = Eligible.of(params, grads);
        nanSecond = 0;
        int step = 1;
        for (String name : e.names()) {
            step = Math.max(step, optimizer.stepCount(name) + 1);
        }
        // the same test AdamW makes for every eligible tensor (their step counts agree)
        boolean applied = config.variant().masks() && step > optimizer.config().maskWarmupSteps();
        float[] mask = switch (config.variant()) {
            case VANILLA -> MaskRule.keepAll(e.names().size());
            case FIRST -> takeFirstOrder(e.names());
            case SECOND -> secondOrder(e, optimizer);
            // M¹ was computed before the step, M² inside it (docs/rose.md §8)
            case ENSEMBLE -> MaskRule.ensemble(secondOrder(e, optimizer), takeFirstOrder(e.names()), config.gamma());
        };
        lastStats = MaskStats.of(step, applied, mask);
        if (!config.variant().masks()) {
            return TensorMasks.none();
        }
        Map<String, Float> byName = new LinkedHashMap<>();
        for (int k = 0; k < mask.length; k++) {
            byName.put(e.names().get(k), mask[k]);
        }
        return TensorMasks.of(byName);
    }

    /** NaN saliencies in the masks of the last step (first- plus second-order); see {@link NanSaliency}. */
    public int lastNaNCount() {
        return nanFirst + nanSecond;
    }

    /**
     * Whether the NaN-saliency warning was printed (it is printed once per run). The only thing this selector keeps
     * from one step to the next: M¹ is consumed by the step it was computed for and the statistics describe the
     * last step only.
     */
    boolean nanWarned() {
        return warnedNaN;
    }

    /** Restores {@link #nanWarned()} in a resumed run. */
    void nanWarned(boolean warned) {
        warnedNaN = warned;
    }

    /** Diagnostics of the last {@link #selectForStep}; null before the first. */
    public MaskStats lastStats() {
        return lastStats;
    }

    private float[] takeFirstOrder(List<String> names) {
        if (firstOrderMask == null) {
            throw new IllegalStateException("observeKlGradients must be called before every " + config.variant()
                    + " step");
        }
        if (!firstOrderNames.equals(names)) {
            throw new IllegalStateException("KL and CE gradients cover different eligible tensors");
        }
        float[] m = firstOrderMask;
        firstOrderMask = null; // one KL probe per step: never reuse a stale mask
        firstOrderNames = null;
        return m;
    }

    /** M²; all ones while the optimiser has no first moment yet (the very first step). */
    private float[] secondOrder(Eligible e, AdamW optimizer) {
        List<NDArray> moments = new ArrayList<>(e.names().size());
        for (String name : e.names()) {
            moments.add(optimizer.firstMoment(name));
        }
        long missing = moments.stream().filter(m -> m == null).count();
        if (missing == moments.size()) {
            return MaskRule.keepAll(moments.size());
        }
        if (missing > 0) {
            throw new IllegalStateException("only some eligible tensors have optimiser state; "
                    + "the authors' code cannot rank them either");
        }
        float[] saliency = SecondOrderSaliency.of(e.grads(), moments);
        nanSecond = MaskRule.countNaN(saliency);
        return mask(saliency, nanSecond);
    }

    private float[] mask(float[] saliency, int nan) {
        if (nan > 0 && !warnedNaN) {
            warnedNaN = true;
            System.err.println("[rose-bench] " + config.variant() + ": " + nan + " of " + saliency.length
                    + " eligible tensors have a NaN saliency (zero gradient and zero moment, e.g. outside a"
                    + " gradient mask); nan_saliency=" + config.nanSaliency().id() + (config.nanSaliency()
                    == NanSaliency.EXCLUDE ? ": they are frozen and the rest are ranked without them"
                    : ": every eligible tensor is frozen, as in torch") + " (reported once)");
        }
        return MaskRule.keepWithinQuantiles(saliency, config.lower(), config.upper(), config.nanSaliency());
    }

    /** The eligible tensors that have a gradient, in optimiser order. */
    private record Eligible(List<String> names, List<NDArray> grads) {

        static Eligible of(List<Param> params, List<NDArray> grads) {
            if (params.size() != grads.size()) {
                throw new IllegalArgumentException(params.size() + " params but " + grads.size() + " gradients");
            }
            List<String> names = new ArrayList<>();
            List<NDArray> eligibleGrads = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).eligible() && grads.get(i) != null) {
                    names.add(params.get(i).name());
                    eligibleGrads.add(grads.get(i));
                }
            }
            return new Eligible(names, eligibleGrads);
        }
    }
}
