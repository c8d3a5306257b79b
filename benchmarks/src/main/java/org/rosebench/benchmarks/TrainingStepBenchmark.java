package org.rosebench.benchmarks;

import java.util.List;
import java.util.Map;
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
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingStepper;

/**
 * One full optimiser step of a fine-tuning method, through the same {@link TrainingStepper} that training and
 * {@code rose-bench bench} use: tokenisation, the method's forward pass(es), ROSE's probe backward where it has
 * one, the training backward, gradient surgery, clipping, the masks and the AdamW update. Batches are
 * batch × length tokens of SST-2 text with no padding; the learning rate is fixed (2e-5, as {@code bench}).
 * ChildTuning-D's Fisher pass runs once, in the set-up, over the benchmark's rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class TrainingStepBenchmark {

    /** Distinct batches the steps cycle through. */
    private static final int BATCHES = 4;
    private static final double LEARNING_RATE = 2e-5;
    /** Planned steps, only for schedule-dependent settings; the LR warm-up ratio is 0, so masks apply at once. */
    private static final long PLANNED_STEPS = 1_000_000;

    @Param({"vanilla", "r3f", "childtuning-d", "rose-first", "rose-second", "rose-ensemble"})
    String method;

    @Param({"32"})
    int batch;

    @Param({"64"})
    int length;

    private SequenceClassifier model;
    private TrainingStepper stepper;
    private List<List<Example>> batches;
    private long step;

    @Setup
    public void setUp() {
        model = MiniLm.classifier(length);
        List<Example> rows = FixedLengthRows.rows(Sst2.dev(), model.tokenizer(), BATCHES * batch, length, MiniLm.SEED);
        batches = FixedLengthRows.batches(rows, batch);
        batches.forEach(b -> FixedLengthRows.encode(b, model.tokenizer())); // fail early if a row is short
        TrainConfig config = TrainConfig.builder().optBatchSize(batch).optMaxLength(length).optSeed(MiniLm.SEED)
                .optLearningRate(LEARNING_RATE).build();
        stepper = new TrainingStepper(model, MethodRegistry.load().setup(method, Map.of()), config, rows,
                PLANNED_STEPS);
        stepper.prepare();
    }

    @Benchmark
    public float step() {
        step++;
        return stepper.step(batches.get((int) (step % BATCHES)), step, 1, LEARNING_RATE);
    }

    @TearDown
    public void tearDown() {
        stepper.close();
        model.close();
    }
}
