package org.rosebench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
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
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.core.Djl;

/**
 * One matrix product of an encoder layer at minilm-l6's shape, through libtorch as the encoder calls it
 * ({@code Linear.linear}, x·Wᵀ, without bias; batched {@code matMul} for attention): the GEMM speed behind the
 * step times, and the counterpart of {@code benchmarks/peer/matmul_peak.py}. GFLOP/s = 2·M·K·N / time, with M =
 * batch·length for the linear products (see {@link Product}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class MatmulBenchmark {

    private static final int HIDDEN = 384;
    private static final int INTERMEDIATE = 1536;
    private static final int HEADS = 12;
    private static final int HEAD_SIZE = HIDDEN / HEADS;

    /** The products of one layer; FLOPs are 2·M·K·N of the shapes given. */
    public enum Product {
        /** Query, key, value and attention output: [B·L, 384] × [384, 384], four per layer. */
        QKV,
        /** [B·L, 384] × [384, 1536]. */
        INTERMEDIATE,
        /** [B·L, 1536] × [1536, 384]. */
        OUTPUT,
        /** Attention scores per head: [B·12, L, 32] × [B·12, 32, L]. */
        SCORES,
        /** Attention context per head: [B·12, L, L] × [B·12, L, 32]. */
        CONTEXT
    }

    @Param({"QKV", "INTERMEDIATE", "OUTPUT", "SCORES", "CONTEXT"})
    Product product;

    @Param({"16", "32"})
    int batch;

    @Param({"64"})
    int length;

    private NDManager manager;
    private NDArray left;
    private NDArray right;

    @Setup
    public void setUp() {
        Djl.seed(MiniLm.SEED);
        manager = Djl.newManager();
        long rows = (long) batch * length;
        long heads = (long) batch * HEADS;
        switch (product) {
            case QKV -> operands(new Shape(rows, HIDDEN), new Shape(HIDDEN, HIDDEN));
            case INTERMEDIATE -> operands(new Shape(rows, HIDDEN), new Shape(INTERMEDIATE, HIDDEN));
            case OUTPUT -> operands(new Shape(rows, INTERMEDIATE), new Shape(HIDDEN, INTERMEDIATE));
            case SCORES -> operands(new Shape(heads, length, HEAD_SIZE), new Shape(heads, HEAD_SIZE, length));
            case CONTEXT -> operands(new Shape(heads, length, length), new Shape(heads, length, HEAD_SIZE));
        }
    }

    /** For the linear products {@code right} is the weight, [out, in], as the encoder stores it. */
    private void operands(Shape a, Shape b) {
        left = manager.randomNormal(0f, 1f, a, DataType.FLOAT32, manager.getDevice());
        right = manager.randomNormal(0f, 1f, b, DataType.FLOAT32, manager.getDevice());
    }

    @Benchmark
    public float multiply() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = switch (product) {
                case QKV, INTERMEDIATE, OUTPUT -> Linear.linear(left, right).singletonOrThrow();
                case SCORES, CONTEXT -> left.matMul(right);
            };
            return out.getFloat(new long[out.getShape().dimension()]); // the first element, whatever the rank
        }
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }
}
