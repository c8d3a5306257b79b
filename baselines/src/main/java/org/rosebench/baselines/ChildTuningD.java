package org.rosebench.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rosebench.core.Djl;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.MethodState;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.Scalars;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.optim.GradientClipping;
import org.rosebench.core.train.Losses;
import org.rosebench.core.train.Trainer;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;
import org.rosebench.core.train.TrainingStepper;
import org.rosebench.core.util.Progress;

/**
 * ChildTuning-D (Xu et al. 2021, "Raise a Child in Large Language Model"), as {@code alibaba/AliceMind}
 * {@code ChildTuning/ChildTuningD.py} + {@code ChildTuningOptimizer.py} implement it (docs/baselines.md §2).
 *
 * <p><b>Fisher pass</b> ({@link #prepare}, once, before the first step; the reference's {@code calculate_fisher}):
 * <ul>
 *   <li>One pass over the training set in shuffled batches of the training batch size, the last partial batch
 *       kept (HF {@code dataloader_drop_last} defaults to false); N = ⌈n / batch⌉ batches. The shuffle is a
 *       {@link Random} seeded with {@code config.seed() ^ }{@link #FISHER_SHUFFLE_SALT}, so it is reproducible but
 *       not the trainer's epoch-1 order (the reference draws both orders from torch's global generator, one after
 *       the other).
 *   <li><b>Dropout on</b>: the reference calls {@code model.train()} at the top of {@code calculate_fisher}, so the
 *       Fisher uses training-mode passes ({@link TrainingContext#trainingDropouts()}), drawing dropout masks from
 *       the engine RNG that the trainer seeded just before {@code prepare}.
 *   <li>Loss = the model's mean cross-entropy of the batch; one backward per batch (with gradient accumulation,
 *       one per micro-batch, each micro-batch's mean CE weighted by its share of the batch, so the per-tensor
 *       clipping and squaring below see the whole batch's gradient, as in the reference).
 *   <li>For every tensor whose HF name contains {@code "layer"} (case-sensitive: all weights and biases inside
 *       {@code encoder.layer.*}, but not {@code embeddings.LayerNorm} nor the classifier), the gradient is clipped
 *       <b>per tensor</b> — {@code torch.nn.utils.clip_grad_norm_(param, max_grad_norm)} on that single tensor,
 *       i.e. scaled by {@code max/(‖g‖+1e-6)} when that is below 1 ({@link GradientClipping#clipGlobalNorm} on a
 *       one-element list) — and {@code g²/N} is added to a float32 accumulator (the empirical Fisher), exactly in
 *       the reference's order ({@code grad ** 2 / N}, then {@code +=}). {@code max_grad_norm} is the trainer's
 *       {@code maxGradNorm}; if that is ≤ 0 the per-tensor clipping is skipped (the reference would call
 *       {@code clip_grad_norm_(p, 0)} and zero every gradient, which makes the mask all ones).
 *   <li>All gradients (not only the masked tensors') are zeroed after every batch and at the end, so the first
 *       training step starts from zero gradients.
 * </ul>
 *
 * <p><b>Mask</b>: all Fisher values of all these tensors are pooled and the {@code (1 − p)·100} percentile is
 * taken with numpy's default linear interpolation ({@link #percentile}; {@code np.percentile}). An entry is kept
 * (mask 1) when its Fisher value is ≥ that threshold; the comparison is done in float32 with the threshold rounded
 * to float32, as torch compares a float32 tensor with a Python scalar. With distinct values about p of the entries
 * are kept; ties at the threshold are all kept. The masks are float32 0/1 tensors in the model's manager,
 * unregistered from every {@link NDScope} so they live for the whole run, and freed when the model is closed or
 * {@code prepare} runs again.
 *
 * <p><b>Training</b> ({@link #afterBackward}): the gradients of the masked tensors are multiplied by the mask in
 * place, with no rescaling (no division by p); the other tensors (embeddings, classifier, ...) update normally.
 * Weight decay still applies to every parameter, child or not (the trainer's AdamW does that, as
 * {@code ChildTuningAdamW} decays {@code p.data} unconditionally). Masked entries therefore keep zero Adam moments
 * and only decay.
 *
 * <p><b>Order relative to gradient clipping</b> (parameter {@code clip_before_mask}, default true): in the
 * reference the HF Trainer clips the global norm of the <i>unmasked</i> gradients and the mask is applied inside
 * the optimiser afterwards. The trainer here calls {@code afterBackward} before its own clipping, so with
 * {@code clip_before_mask=true} this method first clips all gradients to the trainer's {@code maxGradNorm} itself
 * (the same {@link GradientClipping#clipGlobalNorm} call the trainer makes) and then masks. The trainer's own
 * clipping that follows then sees a norm ≤ {@code max·T/(T+1e-6)} and changes nothing beyond a relative 1e-6.
 * With {@code false} the mask is applied first and the trainer clips the masked gradients (a smaller norm, hence
 * larger steps whenever clipping is active).
 *
 * <p>ChildTuning-F (a fresh Bernoulli(p)/p gradient mask every step) is {@link ChildTuningF}.
 */
public final class ChildTuningD implements FineTuningMethod {

    private static final String MASK_PREFIX = "mask.";

    /** XORed into the run seed for the Fisher pass's shuffle ("ChildTun" in ASCII). */
    public static final long FISHER_SHUFFLE_SALT = 0x4368696C6454756EL;

    /** Registers {@code childtuning-d} (see META-INF/services). */
    public static final class Provider implements MethodProvider {
        @Override
        public String name() {
            return "childtuning-d";
        }

        @Override
        public String description() {
            return "ChildTuning-D (AliceMind): fixed element-wise gradient mask on the encoder layers, keeping the"
                    + " top reserve_p of the empirical Fisher from one pass over the training set";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of(
                    ParamSpec.decimal("reserve_p", 0.3, "fraction of encoder-layer entries kept (AliceMind --reserve_p)"),
                    ParamSpec.bool("clip_before_mask", true, "clip the global norm of the unmasked gradients before"
                            + " masking, as the reference (HF Trainer clip, then ChildTuningAdamW mask)"));
        }

        @Override
        public FineTuningMethod create(MethodParams params) {
            return new ChildTuningD(params);
        }
    }

    /** Outcome of the Fisher pass. */
    public record MaskStats(int batches, int tensors, long entries, long kept, double threshold) {
        public double keptFraction() {
            return entries == 0 ? 0 : (double) kept / entries;
        }
    }

    private final MethodParams params;
    private final double reserveP;
    private final boolean clipBeforeMask;
    private final Map<String, NDArray> masks = new LinkedHashMap<>();
    private MaskStats stats;

    public ChildTuningD(MethodParams params) {
        this.params = params;
        this.reserveP = params.getDouble("reserve_p");
        this.clipBeforeMask = params.getBoolean("clip_before_mask");
        if (!(reserveP > 0 && reserveP <= 1)) {
            throw new IllegalArgumentException("childtuning-d: reserve_p must be in (0, 1], got " + reserveP);
        }
    }

    @Override
    public String name() {
        return "childtuning-d";
    }

    @Override
    public Map<String, String> parameters() {
        return params.asMap();
    }

    /** Whether a tensor gets a mask: the reference's {@code 'layer' in name}. */
    public static boolean isChild(String name) {
        return name.contains("layer");
    }

    /** The masks by parameter name (float32 0/1, the Fisher's shapes); empty before {@link #prepare}. */
    public Map<String, NDArray> masks() {
        return Collections.unmodifiableMap(masks);
    }

    /** Fisher-pass statistics; null before {@link #prepare}. */
    public MaskStats stats() {
        return stats;
    }

    @Override
    public void prepare(TrainingContext ctx) {
        releaseMasks();
        SequenceClassifier model = ctx.model();
        int batchSize = ctx.config().batchSize();
        Map<String, NDArray> fisher = empiricalFisher(model, ctx.trainSet(), batchSize,
                ctx.config().seed() ^ FISHER_SHUFFLE_SALT, ctx.config().maxGradNorm(), ctx.trainingDropouts(),
                ctx.config().gradAccumSteps());
        int batches = (ctx.trainSet().size() + batchSize - 1) / batchSize;
        try {
            float[] pooled = pool(fisher.values());
            long entries = pooled.length;
            double threshold = percentileInPlace(pooled, (1 - reserveP) * 100);
            pooled = null; // the sorted copy is no longer needed
            Float thr32 = (float) threshold;
            long kept = 0;
            for (Map.Entry<String, NDArray> e : fisher.entrySet()) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray mask = e.getValue().gte(thr32).toType(DataType.FLOAT32, false);
                    NDScope.unregister(mask); // lives for the whole run (see the class comment)
                    masks.put(e.getKey(), mask);
                    kept += mask.countNonzero().getLong();
                }
            }
            stats = new MaskStats(batches, fisher.size(), entries, kept, threshold);
        } finally {
            fisher.values().forEach(NDArray::close);
        }
        System.err.printf("[rose-bench] childtuning-d: Fisher over %d batches, %d tensors, %d entries; threshold"
                + " %.6g (the %.4g percentile); kept %d = %.4f of the entries (reserve_p %.4g)%n", stats.batches(),
                stats.tensors(), stats.entries(), stats.threshold(), (1 - reserveP) * 100, stats.kept(),
                stats.keptFraction(), reserveP);
    }

    @Override
    public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
        NDArray logits = ctx.model().logits(batch.inputs(), ctx.manager(), ctx.trainingDropouts());
        return StepOutput.single(Losses.crossEntropy(logits, batch.labels(ctx.manager())), logits);
    }

    @Override
    public void afterBackward(TrainingContext ctx, Map<String, NDArray> gradients) {
        if (stats == null) {
            throw new IllegalStateException("childtuning-d: afterBackward before prepare (no Fisher mask)");
        }
        if (clipBeforeMask && ctx.config().maxGradNorm() > 0) {
            GradientClipping.clipGlobalNorm(new ArrayList<>(gradients.values()), (float) ctx.config().maxGradNorm());
        }
        applyMasks(gradients);
    }

    /**
     * The Fisher masks ({@code mask.NAME}, float32 0/1) and the pass's statistics: a resumed run must use the mask
     * computed from the weights before training, not one recomputed from the weights it resumes with.
     */
    @Override
    public MethodState state() {
        if (stats == null) {
            return MethodState.EMPTY;
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : masks.entrySet()) {
            String name = MASK_PREFIX + e.getKey();
            tensors.put(name, new TensorData(name, e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("batches", Integer.toString(stats.batches()));
        values.put("tensors", Integer.toString(stats.tensors()));
        values.put("entries", Long.toString(stats.entries()));
        values.put("kept", Long.toString(stats.kept()));
        values.put("threshold", Double.toString(stats.threshold()));
        return new MethodState(tensors, values);
    }

    /** Puts back the masks of {@link #state()} instead of running the Fisher pass again. */
    @Override
    public void restore(TrainingContext ctx, MethodState state) {
        if (state.isEmpty()) {
            throw new IllegalStateException("childtuning-d: the saved training state has no Fisher mask");
        }
        releaseMasks();
        Map<String, NDArray> weights = ctx.model().weights().asMap();
        try {
            for (Map.Entry<String, NDArray> w : weights.entrySet()) {
                if (!isChild(w.getKey())) {
                    continue;
                }
                TensorData t = state.tensor(MASK_PREFIX + w.getKey());
                if (!Arrays.equals(t.shape(), w.getValue().getShape().getShape())) {
                    throw new IllegalArgumentException("childtuning-d: saved mask of " + w.getKey() + " has shape "
                            + Arrays.toString(t.shape()) + ", the tensor " + w.getValue().getShape());
                }
                NDArray mask = ctx.manager().create(t.data(), w.getValue().getShape());
                NDScope.unregister(mask); // lives for the whole run, as prepare's masks
                masks.put(w.getKey(), mask);
            }
            if (masks.size() != state.tensors().size()) {
                throw new IllegalArgumentException("childtuning-d: the saved state has " + state.tensors().size()
                        + " masks, the model " + masks.size() + " encoder-layer tensors");
            }
            stats = new MaskStats(Integer.parseInt(state.value("batches")), Integer.parseInt(state.value("tensors")),
                    Long.parseLong(state.value("entries")), Long.parseLong(state.value("kept")),
                    Double.parseDouble(state.value("threshold")));
        } catch (RuntimeException e) {
            releaseMasks();
            throw e;
        }
    }

    /** Multiplies each masked tensor's gradient by its mask, in place. */
    void applyMasks(Map<String, NDArray> gradients) {
        for (Map.Entry<String, NDArray> e : masks.entrySet()) {
            NDArray g = gradients.get(e.getKey());
            if (g != null) {
                g.muli(e.getValue());
            }
        }
    }

    private void releaseMasks() {
        masks.values().forEach(NDArray::close);
        masks.clear();
        stats = null;
    }

    /**
     * The reference's empirical Fisher: for every {@link #isChild child} tensor, {@code Σ_batches clip(g)² / N}
     * (float32), with g the gradient of the batch's mean CE and clip the per-tensor norm clipping to
     * {@code maxGradNorm} (skipped when ≤ 0). Returns arrays in the model's manager that belong to no scope; the
     * caller closes them. Leaves every parameter gradient zeroed.
     */
    static Map<String, NDArray> empiricalFisher(SequenceClassifier model, List<Example> train, int batchSize,
            long shuffleSeed, double maxGradNorm, Dropouts dropouts, int accumSteps) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("childtuning-d: the training set is empty");
        }
        NDManager m = model.manager();
        Map<String, NDArray> weights = model.weights().asMap();
        Map<String, NDArray> fisher = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            if (isChild(e.getKey())) {
                NDArray acc = m.zeros(e.getValue().getShape(), DataType.FLOAT32);
                NDScope.unregister(acc);
                fisher.put(e.getKey(), acc);
            }
        }
        List<Integer> order = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(shuffleSeed));
        int batches = (train.size() + batchSize - 1) / batchSize;
        float n = batches;
        try (Progress progress = Progress.start("childtuning-d fisher", train.size(), "ex")) {
            for (int b = 0; b < batches; b++) {
                List<Example> rows = new ArrayList<>();
                for (int i = b * batchSize; i < Math.min(train.size(), (b + 1) * batchSize); i++) {
                    rows.add(train.get(order.get(i)));
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    float loss = batchGradient(model, rows, dropouts, accumSteps);
                    for (Map.Entry<String, NDArray> e : fisher.entrySet()) {
                        NDArray g = weights.get(e.getKey()).getGradient();
                        if (maxGradNorm > 0) {
                            GradientClipping.clipGlobalNorm(List.of(g), (float) maxGradNorm);
                        }
                        e.getValue().addi(g.square().div(n));
                    }
                    for (NDArray w : weights.values()) {
                        JniUtils.zeroGrad((PtNDArray) w);
                    }
                    progress.stepBy(rows.size(), String.format("loss %.4f", loss));
                }
            }
        } catch (RuntimeException e) {
            fisher.values().forEach(NDArray::close);
            throw e;
        }
        return fisher;
    }

    /**
     * Leaves the gradient of the batch's mean CE in the parameters and returns that loss. With
     * {@code accumSteps > 1} the batch is run as {@link TrainingStepper#microBatches micro-batches}, each one's
     * mean CE weighted by its share of the rows, the gradients accumulating: the batch's gradient up to float
     * summation order, with one micro-batch's activations in memory at a time.
     */
    static float batchGradient(SequenceClassifier model, List<Example> rows, Dropouts dropouts, int accumSteps) {
        NDManager m = model.manager();
        List<List<Example>> micro = TrainingStepper.microBatches(rows, accumSteps);
        if (micro.size() == 1) {
            TrainingBatch batch = Trainer.encode(model, rows);
            try (GradientCollector collector = Djl.engine().newGradientCollector()) {
                NDArray logits = model.logits(batch.inputs(), m, dropouts);
                NDArray l = Losses.crossEntropy(logits, batch.labels(m));
                collector.backward(l);
                return l.getFloat();
            }
        }
        double loss = 0;
        for (List<Example> part : micro) {
            double share = (double) part.size() / rows.size();
            try (NDScope scope = new NDScope(); GradientCollector collector = Djl.engine().newGradientCollector()) {
                scope.suppressNotUsedWarning();
                TrainingBatch batch = Trainer.encode(model, part);
                NDArray logits = model.logits(batch.inputs(), m, dropouts);
                NDArray l = Losses.crossEntropy(logits, batch.labels(m));
                collector.backward(l.mul(Scalars.of(l, share)));
                loss += l.getFloat() * share;
            }
        }
        return (float) loss;
    }

    /** All values of the arrays, flattened and concatenated in iteration order (numpy's {@code np.append}). */
    static float[] pool(Iterable<NDArray> arrays) {
        long total = 0;
        for (NDArray a : arrays) {
            total += a.size();
        }
        float[] out = new float[Math.toIntExact(total)];
        int at = 0;
        for (NDArray a : arrays) {
            float[] v = a.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /**
     * {@code np.percentile(values, q)} with numpy's default {@code linear} method: with the values sorted as
     * v₀ ≤ … ≤ v_{n−1}, the virtual index is {@code i = q/100·(n−1)} and the result is
     * {@code v_⌊i⌋ + (v_⌈i⌉ − v_⌊i⌋)·(i − ⌊i⌋)} (numpy's {@code _lerp}: computed from the upper end when the
     * fraction is ≥ ½), in double. NaN values sort last, as in numpy, and any NaN makes the result NaN.
     * Does not modify {@code values}.
     */
    public static double percentile(float[] values, double q) {
        return percentileInPlace(values.clone(), q);
    }

    /** {@link #percentile} that sorts {@code values} in place (no copy; for the ~10⁸ pooled Fisher values). */
    static double percentileInPlace(float[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentile of an empty array");
        }
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + q);
        }
        Arrays.sort(values);
        if (Float.isNaN(values[values.length - 1])) {
            return Double.NaN;
        }
        int n = values.length;
        double index = q / 100 * (n - 1);
        int lo = (int) Math.floor(index);
        int hi = Math.min(lo + 1, n - 1);
        double t = index - lo;
        double a = values[lo];
        double b = values[hi];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    @Override
    public String toString() {
        return "childtuning-d(reserve_p=" + reserveP + ", clip_before_mask=" + clipBeforeMask + ")";
    }
}
