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
     * backward (graph kept, gradients zeroed after); the training-loss backward; the method's gradient surgery;
     * global clipping; the selector's masks from the clipped gradients; the (masked) AdamW update.
     */
    public float step(List<Example> rows, long step, int epoch, double lr) {
        ctx.advance(step, epoch);
        SequenceClassifier model = ctx.model();
        UpdateSelector selector = setup.selector();
        boolean probes = selector != null && selector.probes();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            TrainingBatch batch = Trainer.encode(model, rows);
            Map<String, NDArray> grads = new LinkedHashMap<>();
            float loss;
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
                loss = out.loss().getFloat();
                for (Param p : params) {
                    grads.put(p.name(), p.value().getGradient());
                }
            }
            setup.method().afterBackward(ctx, grads);
            if (config.maxGradNorm() > 0) {
                GradientClipping.clipGlobalNorm(new ArrayList<>(grads.values()), (float) config.maxGradNorm());
            }
            List<NDArray> ordered = new ArrayList<>(grads.values());
            TensorMasks masks = selector == null ? TensorMasks.none() : selector.select(params, ordered, optimizer);
            optimizer.step(params, ordered, lr, masks);
            zeroGradients(params);
            return loss;
        }
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
        return new StepOutput(loss.div(org.rosebench.core.model.Scalars.of(loss, runs)), passes);
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
