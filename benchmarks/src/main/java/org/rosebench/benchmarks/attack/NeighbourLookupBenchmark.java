package org.rosebench.benchmarks.attack;

import java.util.List;
import java.util.Locale;
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
import org.rosebench.attacks.lexicon.CounterFittedSpace;
import org.rosebench.attacks.lexicon.NearestNeighbours;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.Sst2;

/**
 * TextFooler's candidate lookup: the 50 nearest neighbours of a word in the built-in counter-fitted space
 * ({@link CounterFittedSpace#nlp4j()}), for the in-vocabulary words of SST-2 dev sentences in turn. The set-up loads
 * the space from the lexicon cache; the first build of that cache takes minutes (NLP4J's vectors, WordNet's pairs,
 * the neighbour table) and is not part of the measurement. In microseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class NeighbourLookupBenchmark {

    /** TextFooler's {@code max_candidates}. */
    private static final int CANDIDATES = NearestNeighbours.DEFAULT_K;

    private NearestNeighbours space;
    private List<String> words;
    private int next;

    @Setup
    public void setUp() {
        space = CounterFittedSpace.nlp4j();
        words = Sst2.shuffledSentences(MiniLm.SEED).stream()
                .flatMap(s -> AttackedText.of(s).words().stream())
                .map(w -> w.toLowerCase(Locale.ROOT)).filter(space::contains).toList();
    }

    @Benchmark
    public List<String> neighbours() {
        String word = words.get(next);
        next = (next + 1) % words.size();
        return space.neighbours(word, CANDIDATES);
    }
}
