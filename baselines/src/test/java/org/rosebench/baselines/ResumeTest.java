package org.rosebench.baselines;

import org.rosebench.core.method.ForwardingMethod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.MethodState;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.ResumeRuns;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingContext;

/**
 * Each baseline interrupted (stop requests and simulated kills at seeded random steps) and resumed ends
 * bit-identical to the uninterrupted run: weights, metrics, train.log, checkpoints. Dropout is on (the tiny
 * RoBERTa's 0.1), R3F draws noise and ChildTuning-F Bernoulli masks from the engine RNG every step.
 */
class ResumeTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    /** Fresh objects per "process"; remembers the methods it made. */
    private static class Factory implements ResumeRuns.Factory {
        final Path dir;
        final long seed;
        final String method;
        final List<FineTuningMethod> made = new ArrayList<>();

        Factory(Path dir, long seed, String method) {
            this.dir = dir;
            this.seed = seed;
            this.method = method;
        }

        @Override
        public SequenceClassifier model() throws IOException {
            return Fixtures.tinyModel(dir, seed);
        }

        @Override
        public MethodSetup setup() {
            FineTuningMethod m = Fixtures.method(method, Map.of());
            made.add(m);
            return new MethodSetup(m, null);
        }
    }

    /** 14 examples in batches of 4 (4 steps per epoch, the last one short), 2 epochs: 8 steps. */
    private static TrainConfig config(long seed) {
        return TrainConfig.builder().optEpochs(2).optBatchSize(4).optLearningRate(2e-3).optSeed(seed)
                .optMaxLength(16).optLogEverySteps(1).optWarmupSteps(1).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vanilla", "r3f", "childtuning-d", "childtuning-f"})
    void interruptedRunEndsBitIdentical(String method, @TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(System.nanoTime() % 10_000);
        List<Example> train = Fixtures.examples(14);
        List<Example> dev = Fixtures.examples(6);
        Factory f = new Factory(dir, 3, method);
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, config(3), train, dev, dir.resolve("a"));
        List<ResumeRuns.Interruption> stops = ResumeRuns.randomInterruptions(seed, 8);
        ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, config(3), train, dev, dir.resolve("b"), 2, stops);
        ResumeRuns.assertSameOutcome(expected, actual, method + ", interruptions " + stops + Fixtures.reproduce(seed));
    }

    /** The resumed process restores the Fisher mask computed before step 1 instead of recomputing it. */
    @Test
    void childTuningDResumesWithTheOriginalMask(@TempDir Path dir) throws Exception {
        List<Example> train = Fixtures.examples(14);
        List<Map<String, float[]>> seen = new ArrayList<>();
        ResumeRuns.Factory f = new Factory(dir, 4, "childtuning-d") {
            @Override
            public MethodSetup setup() {
                return new MethodSetup(new Recording((ChildTuningD) super.setup().method(), seen), null);
            }
        };
        ResumeRuns.interrupted(f, config(4), train, List.of(), dir.resolve("b"), 2,
                List.of(new ResumeRuns.Interruption(5, ResumeRuns.Stop.KILL)));
        assertEquals(2, seen.size(), "a Fisher pass, then a restore");
        Map<String, float[]> original = seen.get(0);
        Map<String, float[]> restored = seen.get(1);
        assertEquals(original.keySet(), restored.keySet());
        original.forEach((k, v) -> assertArrayEquals(v, restored.get(k), k));
        // a Fisher pass on the trained weights chooses another mask, which the bit-identity tests would notice
        boolean differs = false;
        try (SequenceClassifier model = SequenceClassifier.load(dir.resolve("b").resolve("last"), 16)) {
            ChildTuningD fresh = (ChildTuningD) Fixtures.method("childtuning-d", Map.of());
            fresh.prepare(Fixtures.context(model, config(4), train));
            Map<String, float[]> later = masks(fresh);
            for (String k : original.keySet()) {
                differs |= !java.util.Arrays.equals(original.get(k), later.get(k));
            }
        }
        assertTrue(differs, "the trained weights give the same mask");
    }

    /** ChildTuning-D that records its masks after prepare and after restore. */
    private static final class Recording extends ForwardingMethod {
        final ChildTuningD inner;
        final List<Map<String, float[]>> seen;

        Recording(ChildTuningD inner, List<Map<String, float[]>> seen) {
            super(inner);
            this.inner = inner;
            this.seen = seen;
        }

        @Override
        public void prepare(TrainingContext ctx) {
            inner.prepare(ctx);
            seen.add(masks(inner));
        }

        @Override
        public void restore(TrainingContext ctx, MethodState state) {
            inner.restore(ctx, state);
            seen.add(masks(inner));
        }
    }

    private static Map<String, float[]> masks(ChildTuningD m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : m.masks().entrySet()) {
            out.put(e.getKey(), e.getValue().toFloatArray());
        }
        return out;
    }
}
