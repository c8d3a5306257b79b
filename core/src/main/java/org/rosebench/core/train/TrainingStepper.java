package org.rosebench.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.Scalars;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.WordEmbeddingLeaves;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.GradientClipping;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

/**
 * Runs single optimiser steps of one method setup on one model: the part of training that the trainer repeats
 * over epochs and that benchmarks time side by side. Owns the AdamW state.
 */
public final class TrainingStepper implements AutoCloseable {

    private final TrainingContext ctx;
    private final MethodSetup setup;
    private final TrainConfig config;
    private final List<Param> params;
    private final AdamW optimizer;

    /**
     * @param totalSteps number of updates planned (for the schedule-dependent warm-up of ROSE's masks)
     */
    public TrainingStepper(SequenceClassifier model, MethodSetup setup, TrainConfig config, List<Example> trainSet,
            long totalSteps) {
        this.setup = setup;
        this.config = config;
        this.ctx = new TrainingContext(model, config, trainSet, totalSteps);
        this.params = optimizerOrder(model, config.weightDecay());
        model.weights().setRequiresGradient(true);
        // SparseAdamW applies masks only after the LR warm-up steps (docs/rose.md §11)
        this.optimizer = new AdamW(new AdamWConfig(config.beta1(), config.beta2(), config.adamEps(),
                config.weightDecay(), true, (int) config.warmupSteps(totalSteps)));
    }

    /** The method's one-time preparation (e.g. ChildTuning-D's Fisher pass). */
    public void prepare() {
        setup.method().prepare(ctx);
    }

    public TrainingContext context() {
        return ctx;
    }

    public MethodSetup setup() {
        return setup;
    }

    /** The optimiser and its state (saved and restored by the trainer for resumable runs). */
    public AdamW optimizer() {
        return optimizer;
    }

    /** The trained parameters in optimiser order (decay group first). */
    public List<Param> params() {
        return List.copyOf(params);
    }

    /**
     * One optimiser step in the ROSE authors' order (docs/rose.md §10): forward pass(es); the selector's probe
     * backward (graph kept, gradients zeroed after); the training-loss backward; the method's gradient surgery
     * ({@link org.rosebench.core.method.FineTuningMethod#afterBackward}); global clipping; the method's post-clipping
     * surgery ({@link org.rosebench.core.method.FineTuningMethod#afterClipping}); the selector's masks from the
     * clipped gradients; the (masked) AdamW update.
     *
     * <p>With {@link TrainConfig#gradAccumSteps()} k &gt; 1 the rows are split into {@link #microBatches} and the
     * first three stages run once per micro-batch, each micro-batch's loss weighted by its share of the rows, so the
     * accumulated gradient is that of the batch's loss (every method's loss is a mean over examples); the remaining
     * stages run once, on the accumulated gradients. A selector's probe gradients are summed over the micro-batches
     * and read once ({@link UpdateSelector.ProbeGradients#backward}). Returns the batch's mean loss.
     */
    public float step(List<Example> rows, long step, int epoch, double lr) {
        ctx.advance(step, epoch);
        UpdateSelector selector = setup.selector();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<List<Example>> micro = microBatches(rows, config.gradAccumSteps());
            float loss = micro.size() == 1 ? backward(rows) : backwardAccumulated(micro, rows.size());
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Param p : params) {
                grads.put(p.name(), p.value().getGradient());
            }
            setup.method().afterBackward(ctx, grads);
            if (config.maxGradNorm() > 0) {
                GradientClipping.clipGlobalNorm(new ArrayList<>(grads.values()), (float) config.maxGradNorm());
            }
            setup.method().afterClipping(ctx, grads);
            List<NDArray> ordered = new ArrayList<>(grads.values());
            TensorMasks masks = selector == null ? TensorMasks.none() : selector.select(params, ordered, optimizer);
            optimizer.step(params, ordered, lr, masks);
            zeroGradients(params);
            return loss;
        }
    }

    /**
     * The micro-batches of one update: {@code min(k, n)} contiguous slices of the n rows whose sizes differ by at
     * most one, the larger first (32 rows in 3: 11, 11, 10). An epoch's last, partial batch is split the same way.
     */
    public static <T> List<List<T>> microBatches(List<T> rows, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("micro-batches per update must be positive, got " + k);
        }
        int n = rows.size();
        int parts = Math.max(1, Math.min(k, n));
        List<List<T>> out = new ArrayList<>(parts);
        int start = 0;
        for (int i = 0; i < parts; i++) {
            int size = n / parts + (i < n % parts ? 1 : 0);
            out.add(rows.subList(start, start + size));
            start += size;
        }
        return out;
    }

    /** Forward, probe and backward of the whole batch at once; the gradients stay in the parameters. */
    private float backward(List<Example> rows) {
        SequenceClassifier model = ctx.model();
        UpdateSelector selector = setup.selector();
        boolean probes = selector != null && selector.probes();
        TrainingBatch batch = Trainer.encode(model, rows);
        try (GradientCollector collector = Djl.engine().newGradientCollector();
                WordEmbeddingLeaves leaves = probes ? model.encoder().detachWordEmbeddings() : null) {
            StepOutput out = forward(ctx, setup, batch);
            if (selector != null) {
                selector.probe(out, new Probe(params, leaves, masksApply()));
            }
            collector.backward(out.loss());
            if (leaves != null) {
                leaves.routeGradient();
            }
            return out.loss().getFloat();
        }
    }

    /**
     * Forward, probe and backward per micro-batch, each in its own scope (so only one micro-batch's activations are
     * alive at a time), the loss of micro-batch i scaled by {@code n_i / n} and its gradient added to the
     * parameters' gradients. A probe backward needs zero gradients: before one, the training gradients accumulated
     * so far are moved to a side buffer (one extra copy of the gradients, only when a selector probes), and added
     * back after the last micro-batch.
     */
    private float backwardAccumulated(List<List<Example>> micro, int batchSize) {
        SequenceClassifier model = ctx.model();
        UpdateSelector selector = setup.selector();
        boolean probes = selector != null && selector.probes();
        boolean masksApply = masksApply();
        double loss = 0;
        try (GradientSums training = new GradientSums(params.size());
                GradientSums probeSums = new GradientSums(params.size())) {
            for (int i = 0; i < micro.size(); i++) {
                List<Example> rows = micro.get(i);
                double share = (double) rows.size() / batchSize;
                try (NDScope scope = new NDScope();
                        GradientCollector collector = Djl.engine().newGradientCollector();
                        WordEmbeddingLeaves leaves = probes ? model.encoder().detachWordEmbeddings() : null) {
                    scope.suppressNotUsedWarning();
                    StepOutput out = forward(ctx, setup, Trainer.encode(model, rows));
                    if (selector != null) {
                        selector.probe(out, new AccumulatingProbe(params, leaves, masksApply, training, probeSums,
                                i > 0, i == micro.size() - 1, share));
                    }
                    NDArray l = out.loss();
                    collector.backward(l.mul(Scalars.of(l, share)));
                    if (leaves != null) {
                        leaves.routeGradient();
                    }
                    loss += l.getFloat() * share;
                }
            }
            for (int j = 0; j < params.size(); j++) {
                NDArray set = training.get(j);
                if (set != null) {
                    params.get(j).value().getGradient().addi(set);
                }
            }
        }
        return (float) loss;
    }

    /** Whether this step's update applies masks: AdamW ignores them while a tensor's step is within the warm-up. */
    private boolean masksApply() {
        return optimizer.stepCount(params.get(0).name()) + 1 > optimizer.config().maskWarmupSteps();
    }

    /** The method's forward, run again (fresh dropout) and averaged when the selector needs more passes. */
    private static StepOutput forward(TrainingContext ctx, MethodSetup setup, TrainingBatch batch) {
        StepOutput out = setup.method().forward(ctx, batch);
        int needed = setup.selector() == null ? 1 : setup.selector().requiredPasses();
        if (out.passLogits().size() >= needed) {
            return out;
        }
        NDArray loss = out.loss();
        List<NDArray> passes = new ArrayList<>(out.passLogits());
        int runs = 1;
        while (passes.size() < needed) {
            StepOutput more = setup.method().forward(ctx, batch);
            loss = loss.add(more.loss());
            passes.addAll(more.passLogits());
            runs++;
        }
        return new StepOutput(loss.div(Scalars.of(loss, runs)), passes);
    }

    private static void zeroGradients(List<Param> params) {
        for (Param p : params) {
            JniUtils.zeroGrad((PtNDArray) p.value());
        }
    }

    /**
     * Probe backward for selectors: keeps the graph for the training loss's backward, lets the selector reduce the
     * live gradients, then zeroes them. With detached word embeddings the table is not in the graph, so its
     * gradient is still zero and is left alone.
     */
    private record Probe(List<Param> params, WordEmbeddingLeaves leaves, boolean masksApply)
            implements UpdateSelector.ProbeGradients {
        @Override
        public void backward(NDArray loss, Predicate<Param> wanted, Consumer<List<NDArray>> read) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), true, false);
            List<NDArray> grads = new ArrayList<>(params.size());
            for (Param p : params) {
                grads.add(wanted.test(p) ? p.value().getGradient() : null);
            }
            read.accept(grads);
            for (Param p : params) {
                if (leaves == null || p.value() != leaves.table()) {
                    JniUtils.zeroGrad((PtNDArray) p.value());
                }
            }
            if (leaves != null) {
                leaves.zeroGradients();
            }
        }
    }

    /**
     * Probe backward of one micro-batch. The training gradients of the earlier micro-batches are first moved to
     * {@code training} (except the word-embedding table's when the lookups are detached: the probe does not reach
     * it), so the probe's gradients are its own; they are added to {@code probeSums} and zeroed, and {@code read}
     * gets the sums once, at the last micro-batch. The table's probe gradient is not computed on the detached path
     * and is reported as null.
     */
    private record AccumulatingProbe(List<Param> params, WordEmbeddingLeaves leaves, boolean masksApply,
            GradientSums training, GradientSums probeSums, boolean hasTrainingGradients, boolean last, double share)
            implements UpdateSelector.ProbeGradients {
        @Override
        public void backward(NDArray loss, Predicate<Param> wanted, Consumer<List<NDArray>> read) {
            if (hasTrainingGradients) {
                for (int j = 0; j < params.size(); j++) {
                    NDArray value = params.get(j).value();
                    if (!isDetachedTable(value) && value.hasGradient()) {
                        training.add(j, value.getGradient());
                        JniUtils.zeroGrad((PtNDArray) value);
                    }
                }
            }
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), true, false);
            for (int j = 0; j < params.size(); j++) {
                NDArray value = params.get(j).value();
                if (wanted.test(params.get(j)) && !isDetachedTable(value)) {
                    probeSums.add(j, value.getGradient());
                }
                if (!isDetachedTable(value)) {
                    JniUtils.zeroGrad((PtNDArray) value);
                }
            }
            if (leaves != null) {
                leaves.zeroGradients();
            }
            if (last) {
                read.accept(probeSums.asList());
            }
        }

        private boolean isDetachedTable(NDArray value) {
            return leaves != null && value == leaves.table();
        }
    }

    /** Per-parameter gradient sums that outlive the micro-batches' scopes; freed when closed. */
    private static final class GradientSums implements AutoCloseable {
        private final NDArray[] sums;

        GradientSums(int size) {
            sums = new NDArray[size];
        }

        void add(int j, NDArray gradient) {
            if (sums[j] == null) {
                sums[j] = gradient.duplicate();
                NDScope.unregister(sums[j]);
            } else {
                sums[j].addi(gradient);
            }
        }

        NDArray get(int j) {
            return sums[j];
        }

        List<NDArray> asList() {
            return java.util.Arrays.asList(sums.clone());
        }

        @Override
        public void close() {
            for (NDArray a : sums) {
                if (a != null) {
                    a.close();
                }
            }
        }
    }

    /**
     * Parameters in the order HF's Trainer gives AdamW: the weight-decay group first, then the no-decay group
     * (biases, LayerNorm), each in model order. ROSE ranks eligible tensors in this order. Public so that
     * optimiser and mask benchmarks see the parameters exactly as a training step does.
     */
    public static List<Param> optimizerOrder(SequenceClassifier model, double weightDecay) {
        List<Param> decay = new ArrayList<>();
        List<Param> noDecay = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : model.weights().asMap().entrySet()) {
            Param p = Param.withDefaultDecay(e.getKey(), e.getValue(), weightDecay);
            (Param.defaultWeightDecay(e.getKey(), 1.0) > 0 ? decay : noDecay).add(p);
        }
        decay.addAll(noDecay);
        return decay;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
