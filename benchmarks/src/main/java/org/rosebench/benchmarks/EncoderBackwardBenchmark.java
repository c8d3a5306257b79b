package org.rosebench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rosebench.benchmarks.fixtures.FixedLengthRows;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.Sst2;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.Losses;

/**
 * Forward and backward of the classifier's cross-entropy over batch × length, as in a vanilla training step
 * without the optimiser: training-mode dropout, gradients of every tensor (the word-embedding table included),
 * zeroed in place afterwards as the trainer does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 6)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class EncoderBackwardBenchmark {

    @Param({"16", "32"})
    int batch;

    @Param({"64", "128"})
    int length;

    private SequenceClassifier model;
    private EncodedBatch inputs;
    private int[] labels;

    @Setup
    public void setUp() {
        model = MiniLm.classifier(length);
        List<Example> rows = FixedLengthRows.rows(Sst2.dev(), model.tokenizer(), batch, length, MiniLm.SEED);
        inputs = FixedLengthRows.encode(rows, model.tokenizer());
        labels = FixedLengthRows.labels(rows);
        model.weights().setRequiresGradient(true);
    }

    @Benchmark
    public float forwardBackward() {
        float loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = Djl.engine().newGradientCollector()) {
                NDArray logits = model.logits(inputs, model.manager(), Dropouts.train(model.config()));
                NDArray l = Losses.crossEntropy(logits, model.manager().create(labels));
                collector.backward(l);
                loss = l.getFloat();
            }
        }
        for (NDArray w : model.weights().asMap().values()) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
        return loss;
    }

    @TearDown
    public void tearDown() {
        model.close();
    }
}
