package org.rosebench.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.train.Losses;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/**
 * ChildTuning-F (task-free), as {@code alibaba/AliceMind} {@code ChildTuning/ChildTuningOptimizer.py} implements it
 * (docs/baselines.md §2.2, §2.5): at every step, <b>every</b> parameter's gradient (embeddings and classifier
 * included) is multiplied element-wise by a fresh {@code Bernoulli(p) / p} mask before AdamW; the loss is the plain
 * mean CE of one training-mode pass. Weight decay still applies to everything (the trainer's AdamW).
 *
 * <p>The Bernoulli draw is {@code U[0,1) < p} from the engine RNG (seeded by the trainer), so it has the right
 * distribution but not torch's {@code bernoulli_} random stream.
 *
 * <p><b>Order relative to gradient clipping</b> (parameter {@code clip_before_mask}, default true). In the reference
 * the HF Trainer clips the global norm of the unmasked gradients once ({@code max_grad_norm}) and
 * {@code ChildTuningAdamW.step} then multiplies each gradient by {@code mask / p}; nothing clips the masked gradients.
 * With {@code true} the mask is applied in {@link #afterClipping}, after the trainer's only clipping, which is that
 * order: backward, clip, mask and rescale, AdamW. The masked gradients' norm is then about {@code 1/√p} times the
 * clipped norm (E‖m⊙g/p‖² = ‖g‖²/p), above {@code max_grad_norm} whenever clipping was active, and stays so. With
 * {@code false} the mask is applied in {@link #afterBackward} and the trainer clips the masked, rescaled gradients.
 *
 * <p>Version 2: with {@code clip_before_mask=true}, version 1 clipped in {@code afterBackward}, masked, and the
 * trainer then clipped the masked gradients a second time, scaling them down by about √p whenever clipping was
 * active.
 */
public final class ChildTuningF implements FineTuningMethod {

    /** Registers {@code childtuning-f} (see META-INF/services). */
    public static final class Provider implements MethodProvider {
        @Override
        public String name() {
            return "childtuning-f";
        }

        @Override
        public String version() {
            return "2";
        }

        @Override
        public String description() {
            return "ChildTuning-F (AliceMind): every gradient multiplied by a fresh Bernoulli(reserve_p)/reserve_p"
                    + " mask at each step";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of(
                    ParamSpec.decimal("reserve_p", 0.3, "Bernoulli keep probability (AliceMind --reserve_p)"),
                    ParamSpec.bool("clip_before_mask", true, "clip the global norm of the unmasked gradients before"
                            + " masking, as the reference (HF Trainer clip, then ChildTuningAdamW mask)"));
        }

        @Override
        public FineTuningMethod create(MethodParams params) {
            return new ChildTuningF(params);
        }
    }

    private final MethodParams params;
    private final double reserveP;
    private final boolean clipBeforeMask;

    public ChildTuningF(MethodParams params) {
        this.params = params;
        this.reserveP = params.getDouble("reserve_p");
        this.clipBeforeMask = params.getBoolean("clip_before_mask");
        if (!(reserveP > 0 && reserveP <= 1)) {
            throw new IllegalArgumentException("childtuning-f: reserve_p must be in (0, 1], got " + reserveP);
        }
    }

    @Override
    public String name() {
        return "childtuning-f";
    }

    @Override
    public Map<String, String> parameters() {
        return params.asMap();
    }

    @Override
    public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
        NDArray logits = ctx.model().logits(batch.inputs(), ctx.manager(), ctx.trainingDropouts());
        return StepOutput.single(Losses.crossEntropy(logits, batch.labels(ctx.manager())), logits);
    }

    /** With {@code clip_before_mask=false}: mask before the trainer's clipping. */
    @Override
    public void afterBackward(TrainingContext ctx, Map<String, NDArray> gradients) {
        if (!clipBeforeMask) {
            applyRandomMasks(gradients.values(), reserveP);
        }
    }

    /** With {@code clip_before_mask=true} (the reference): mask after the trainer's clipping, which is the only one. */
    @Override
    public void afterClipping(TrainingContext ctx, Map<String, NDArray> gradients) {
        if (clipBeforeMask) {
            applyRandomMasks(gradients.values(), reserveP);
        }
    }

    /** {@code g *= (U[0,1) < p) / p} in place for every non-null gradient, one fresh draw per element. */
    static void applyRandomMasks(Iterable<NDArray> gradients, double p) {
        for (NDArray g : gradients) {
            if (g == null) {
                continue;
            }
            NDManager m = g.getManager();
            NDArray keep = m.randomUniform(0f, 1f, g.getShape(), DataType.FLOAT32).lt((float) p);
            g.muli(keep.toType(DataType.FLOAT32, false).div((float) p));
        }
    }

    @Override
    public String toString() {
        return "childtuning-f(reserve_p=" + reserveP + ", clip_before_mask=" + clipBeforeMask + ")";
    }
}
