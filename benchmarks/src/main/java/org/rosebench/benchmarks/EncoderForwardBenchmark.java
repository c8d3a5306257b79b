package org.rosebench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
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
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;

/**
 * The encoder's forward pass alone (sequence output, dropout off, no autograd graph: the weights do not require
 * gradients), over batch × length.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class EncoderForwardBenchmark {

    @Param({"16", "32"})
    int batch;

    @Param({"64", "128"})
    int length;

    private SequenceClassifier model;
    private EncodedBatch inputs;

    @Setup
    public void setUp() {
        model = MiniLm.classifier(length);
        inputs = FixedLengthRows.encode(
                FixedLengthRows.rows(Sst2.dev(), model.tokenizer(), batch, length, MiniLm.SEED), model.tokenizer());
    }

    @Benchmark
    public float forward() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = model.sequenceOutput(inputs, model.manager(), Dropouts.eval());
            return out.getFloat(0, 0, 0);
        }
    }

    @TearDown
    public void tearDown() {
        model.close();
    }
}
