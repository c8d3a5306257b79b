package org.rosebench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.RandomGradients;
import org.rosebench.core.Djl;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;
import org.rosebench.core.train.TrainingStepper;

/**
 * The AdamW update alone, unmasked, over all of minilm-l6's classifier tensors (22.7 M values, the word-embedding
 * table included) with ROSE's settings (β 0.9/0.98, ε 1e-6, weight decay 0.01 on the decay group), from fixed
 * random gradients, by either kernel: {@code FUSED} (the default, one pass over each tensor's memory) or
 * {@code OPS} (libtorch ops one by one); both give the same bits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class AdamWBenchmark {

    private static final double WEIGHT_DECAY = 0.01;
    private static final double LEARNING_RATE = 2e-5;

    @org.openjdk.jmh.annotations.Param({"FUSED", "OPS"})
    AdamW.Kernel kernel;

    private SequenceClassifier model;
    private NDManager gradientManager;
    private List<Param> params;
    private List<NDArray> gradients;
    private AdamW optimizer;

    @Setup
    public void setUp() {
        model = MiniLm.classifier(64);
        params = TrainingStepper.optimizerOrder(model, WEIGHT_DECAY);
        gradientManager = Djl.newManager();
        gradients = RandomGradients.like(params, gradientManager, 1e-3f);
        optimizer = new AdamW(AdamWConfig.rose(), kernel);
    }

    @Benchmark
    public AdamW update() {
        optimizer.step(params, gradients, LEARNING_RATE, TensorMasks.none());
        return optimizer;
    }

    @TearDown
    public void tearDown() {
        optimizer.close();
        gradientManager.close();
        model.close();
    }
}
