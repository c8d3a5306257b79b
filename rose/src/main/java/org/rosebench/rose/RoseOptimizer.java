package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

import java.util.List;

/**
 * The authors' SparseAdamW as one object: a {@link RoseSelector} feeding masks into {@link AdamW}. Per training
 * step: (First/Ensemble) {@link #observeKlGradients}, then clip the CE gradients, then {@link #step}.
 */
public final class RoseOptimizer implements AutoCloseable {

    private final RoseSelector selector;
    private final AdamW adamW;
    private TensorMasks lastMasks = TensorMasks.none();

    /** The mask warm-up of {@code rose} overrides the one in {@code adamW}. */
    public RoseOptimizer(RoseConfig rose, AdamWConfig adamW) {
        this.selector = new RoseSelector(rose);
        this.adamW = new AdamW(adamW.withMaskWarmupSteps(rose.numWarmupSteps()));
    }

    public void observeKlGradients(List<Param> params, List<NDArray> klGrads) {
        selector.observeKlGradients(params, klGrads);
    }

    /**
     * Computes this step's masks from {@code grads} (already clipped) and the current first moments, then applies
     * the masked AdamW update at learning rate {@code lr}.
     */
    public MaskStats step(List<Param> params, List<NDArray> grads, double lr) {
        lastMasks = selector.selectForStep(params, grads, adamW);
        adamW.step(params, grads, lr, lastMasks);
        return selector.lastStats();
    }

    /** The masks computed by the last {@link #step} (none for vanilla). */
    public TensorMasks lastMasks() {
        return lastMasks;
    }

    public AdamW adamW() {
        return adamW;
    }

    public RoseSelector selector() {
        return selector;
    }

    @Override
    public void close() {
        adamW.close();
    }
}
