package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.core.method.MethodState;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.model.Scalars;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

/**
 * ROSE as an {@link UpdateSelector}: composes with any method's objective.
 *
 * <p>First-order probe (First/Ensemble): the KL between the first two training-mode passes the objective ran,
 * {@code (Σ_batch KL(P²‖P¹) + Σ_batch KL(P¹‖P²)) / 4}, back-propagated only to rank tensors (it is never added to
 * the loss; docs/rose.md §2.2). With vanilla the two passes are two dropout passes and the objective is their
 * averaged CE, exactly the authors' "WithKL" model. With a two-pass method the probe uses that method's own
 * passes: for R3F, the clean and the noisy pass (each with its own dropout), so the probe measures sensitivity to
 * dropout plus embedding noise. Unlike the authors' fp16 run, the probe gradient is computed in float32. During
 * the optimiser's mask warm-up the probe is skipped (the update is the same: AdamW applies no mask then).
 *
 * <p>{@link #diagnostics()} describe the update AdamW makes: {@code mask_applied} 1 once the masks apply, 0 during
 * the warm-up, when every eligible tensor is updated normally (kept fraction 1, frozen fraction 0, mean mask 1) and
 * the masks computed anyway are not reported.
 */
public final class RoseUpdateSelector implements UpdateSelector {

    private final String name;
    private final RoseSelector selector;
    private final Map<String, String> parameters;

    public RoseUpdateSelector(String name, RoseConfig config, Map<String, String> parameters) {
        this.name = name;
        this.selector = new RoseSelector(config);
        this.parameters = parameters;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public int requiredPasses() {
        return selector.config().variant().usesFirstOrder() ? 2 : 1;
    }

    @Override
    public boolean probes() {
        return selector.config().variant().usesFirstOrder();
    }

    @Override
    public void probe(StepOutput output, ProbeGradients gradients) {
        if (!probes()) {
            return;
        }
        if (!gradients.masksApply()) {
            // mask warm-up: SparseAdamW ignores M¹ now, so the probe cannot change the update (docs/rose.md §11)
            selector.skipKlProbe(gradients.params());
            return;
        }
        NDArray klLoss = klProbe(output.passLogits().get(0), output.passLogits().get(1));
        // only eligible tensors are ranked; their norms are taken on the live gradients before they are zeroed
        gradients.backward(klLoss, Param::eligible, grads -> selector.observeKlGradients(gradients.params(), grads));
    }

    /** {@code (Σ KL(P2‖P1) + Σ KL(P1‖P2)) / 4}, summed over batch and classes (the authors' mask loss). */
    static NDArray klProbe(NDArray z1, NDArray z2) {
        NDArray logP1 = z1.logSoftmax(-1);
        NDArray logP2 = z2.logSoftmax(-1);
        NDArray kl21 = logP2.exp().mul(logP2.sub(logP1)).sum();
        NDArray kl12 = logP1.exp().mul(logP1.sub(logP2)).sum();
        return kl21.add(kl12).div(Scalars.of(kl21, 4)); // libtorch-owned scalar: see Scalars
    }

    @Override
    public TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer) {
        return selector.selectForStep(params, gradients, optimizer);
    }

    /** The once-per-run NaN warning flag (the selector keeps nothing else across steps; masks come from AdamW). */
    @Override
    public MethodState state() {
        return selector.nanWarned() ? new MethodState(Map.of(), Map.of(NAN_WARNED, "true")) : MethodState.EMPTY;
    }

    @Override
    public void restore(MethodState state) {
        selector.nanWarned(Boolean.parseBoolean(state.values().getOrDefault(NAN_WARNED, "false")));
    }

    private static final String NAN_WARNED = "nan_warned";

    /**
     * The last step's update over the eligible tensors: {@code mask_applied} (1 or 0), {@code kept_fraction},
     * {@code frozen_fraction}, {@code mean_mask}, {@code eligible} and {@code nan_saliency} (NaN saliencies in the
     * applied masks). While AdamW ignores the masks (its mask warm-up) they describe the plain update: 1, 0, 1, and
     * no NaN saliency.
     */
    @Override
    public Map<String, Double> diagnostics() {
        MaskStats s = selector.lastStats();
        Map<String, Double> d = new LinkedHashMap<>();
        if (s != null) {
            MaskStats u = s.asUpdated();
            d.put("mask_applied", s.applied() ? 1.0 : 0.0);
            d.put("kept_fraction", u.keptFraction());
            d.put("frozen_fraction", u.frozenFraction());
            d.put("mean_mask", u.meanMask());
            d.put("eligible", (double) u.eligible());
            d.put("nan_saliency", s.applied() ? (double) selector.lastNaNCount() : 0.0);
        }
        return d;
    }
}
