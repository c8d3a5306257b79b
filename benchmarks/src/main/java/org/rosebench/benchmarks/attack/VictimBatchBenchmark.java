package org.rosebench.benchmarks.attack;

import java.util.ArrayList;
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
import org.rosebench.attacks.backend.ClassifierVictim;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.Sst2;
import org.rosebench.core.model.SequenceClassifier;

/**
 * One victim query batch of an attack: {@link ClassifierVictim} scoring SST-2 dev sentences (tokenisation,
 * dynamic padding, one forward pass without dropout, softmax), the attacks' default model batch of 32. Successive
 * calls take successive batches of the shuffled dev set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class VictimBatchBenchmark {

    @Param({"32"})
    int batch;

    /** The classifier's maximum length, as fine-tuned ({@code rose-bench}'s default). */
    @Param({"128"})
    int maxLength;

    private SequenceClassifier model;
    private ClassifierVictim victim;
    private List<List<TextInput>> batches;
    private int next;

    @Setup
    public void setUp() {
        model = MiniLm.classifier(maxLength);
        victim = new ClassifierVictim(model);
        List<String> sentences = Sst2.shuffledSentences(MiniLm.SEED);
        batches = new ArrayList<>();
        for (int start = 0; start + batch <= sentences.size(); start += batch) {
            batches.add(sentences.subList(start, start + batch).stream().map(TextInput::single).toList());
        }
    }

    @Benchmark
    public float[][] predict() {
        List<TextInput> texts = batches.get(next);
        next = (next + 1) % batches.size();
        return victim.predict(texts);
    }

    @TearDown
    public void tearDown() {
        model.close();
    }
}
