package org.rosebench.benchmarks.attack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
import org.rosebench.attacks.backend.EncoderSentenceEmbedder;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.benchmarks.fixtures.ForkedJvm;
import org.rosebench.benchmarks.fixtures.MiniLm;
import org.rosebench.benchmarks.fixtures.Sst2;
import org.rosebench.core.model.SentenceEncoder;

/**
 * The sentence-encoder constraint's work in one TextFooler search step: {@link EncoderSentenceEmbedder} (MiniLM,
 * batches of 64, as the attacks load it) embedding the 15-word window around the swapped word in the reference
 * and in each candidate. Candidates replace the middle word of an SST-2 dev sentence with other dev words (the
 * encoder's cost does not depend on which words). Successive calls take successive steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {ForkedJvm.OFFLINE, ForkedJvm.NO_TRACKING, ForkedJvm.NO_PROGRESS, ForkedJvm.HEAP})
public class SentenceWindowsBenchmark {

    /** TextFooler's window (TextAttack {@code window_size=15}). */
    private static final int WINDOW_WORDS = 15;
    /** The encoder batch size of the attacks' default resources. */
    private static final int ENCODER_BATCH = 64;
    private static final int STEPS = 16;

    /**
     * Texts embedded per call. 38 is the mean per call of the recorded TextFooler run on SST-2 (6,758 windows in
     * 178 calls, results/attacks/textfooler-speed.json).
     */
    @Param({"38"})
    int windows;

    private SentenceEncoder encoder;
    private EncoderSentenceEmbedder embedder;
    private List<List<String>> steps;
    private int next;

    @Setup
    public void setUp() {
        encoder = MiniLm.sentenceEncoder();
        embedder = new EncoderSentenceEmbedder(encoder, ENCODER_BATCH);
        steps = searchSteps(Sst2.shuffledSentences(MiniLm.SEED), windows, new Random(MiniLm.SEED));
    }

    /** {@link #STEPS} steps, each the reference window and {@code windows − 1} distinct candidate windows. */
    private static List<List<String>> searchSteps(List<String> sentences, int windows, Random rnd) {
        List<String> vocabulary = new ArrayList<>(new LinkedHashSet<>(
                sentences.stream().flatMap(s -> AttackedText.of(s).words().stream()).toList()));
        List<List<String>> out = new ArrayList<>();
        for (String sentence : sentences) {
            AttackedText text = AttackedText.of(sentence);
            if (text.numWords() < WINDOW_WORDS) {
                continue; // shorter texts skip the constraint (TextFooler's skip_text_shorter_than_window)
            }
            int index = text.numWords() / 2;
            Set<String> step = new LinkedHashSet<>();
            step.add(text.textWindowAroundIndex(index, WINDOW_WORDS));
            while (step.size() < windows) {
                String word = vocabulary.get(rnd.nextInt(vocabulary.size()));
                step.add(text.replaceWordAt(index, word).textWindowAroundIndex(index, WINDOW_WORDS));
            }
            out.add(List.copyOf(step));
            if (out.size() == STEPS) {
                break;
            }
        }
        return out;
    }

    @Benchmark
    public float[][] embed() {
        List<String> texts = steps.get(next);
        next = (next + 1) % steps.size();
        return embedder.embed(texts);
    }

    @TearDown
    public void tearDown() {
        encoder.close();
    }
}
