package org.rosebench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
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
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.core.Djl;
import org.rosebench.core.model.CounterDropout;

/**
 * One training-mode dropout over minilm-l6's two shapes at batch 32 × 64 tokens, rate 0.1, by mask source:
 * {@code libtorch} (the engine's {@code dropout}: {@code bernoulli_}, serial on non-Intel CPUs, then two
 * multiplications) or {@code counter} ({@link CounterDropout}: masks filled on libtorch's intra-op threads, one
 * multiplication). A step of the model runs 6 × (one attention shape + two hidden shapes) + one hidden shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class DropoutMaskBenchmark {

    private static final float RATE = 0.1f;

    @Param({"libtorch", "counter"})
    String masks;

    /** {@code attention}: probabilities [32, 12, 64, 64]; {@code hidden}: a layer output [32, 64, 384]. */
    @Param({"attention", "hidden"})
    String shape;

    private NDManager manager;
    private NDArray input;

    @Setup
    public void setUp() {
        manager = Djl.newManager();
        Djl.seed(42);
        Shape s = shape.equals("attention") ? new Shape(32, 12, 64, 64) : new Shape(32, 64, 384);
        input = manager.randomUniform(0f, 1f, s, DataType.FLOAT32);
    }

    @Benchmark
    public float dropout() {
        try (NDManager step = manager.newSubManager()) {
            NDArray out = masks.equals("counter") ? CounterDropout.apply(input, RATE)
                    : Dropout.dropout(input, RATE, true).singletonOrThrow();
            out.attach(step);
            return out.getFloat(new long[out.getShape().dimension()]);
        }
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }
}
