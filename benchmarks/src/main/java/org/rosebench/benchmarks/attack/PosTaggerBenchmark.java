package org.rosebench.benchmarks.attack;

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
import org.openjdk.jmh.annotations.Warmup;
import org.rosebench.attacks.lexicon.OpenNlpPosTagger;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.Sst2;

/**
 * Part-of-speech tagging of one SST-2 dev sentence (its attack words) with {@link OpenNlpPosTagger}, uncached: the
 * tagger caches every word sequence it has tagged, so each call takes a sentence this tagger has not seen, and a
 * fresh tagger over the same shared model replaces it when the sentences run out. In microseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class PosTaggerBenchmark {

    private List<List<String>> sentences;
    private OpenNlpPosTagger tagger;
    private int next;

    @Setup
    public void setUp() {
        sentences = Sst2.shuffledSentences(MiniLm.SEED).stream()
                .map(s -> AttackedText.of(s).words()).distinct().toList();
        tagger = OpenNlpPosTagger.load();
    }

    @Benchmark
    public List<String> tagSentence() {
        if (next == sentences.size()) {
            tagger = OpenNlpPosTagger.load(); // empty cache; the model is loaded once per JVM
            next = 0;
        }
        return tagger.tag(sentences.get(next++));
    }
}
