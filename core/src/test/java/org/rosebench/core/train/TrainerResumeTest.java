package org.rosebench.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;
import org.rosebench.core.util.StopRequest;

/**
 * Resumable training with a plain cross-entropy objective (the baselines and ROSE have their own resume tests):
 * interrupted and resumed runs end bit-identical to an uninterrupted one; incomplete or leftover states are
 * ignored and cleaned; a complete state left under a temporary name by a kill between renames is recovered; the
 * state of another run is refused with the differences named.
 */
class TrainerResumeTest {

    private static final String[] TEXTS = {"he is the", "the hen", "is he", "the the he", "he he", "is the hen",
        "hen is he"};

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }


    static List<Example> examples(int n, int offset) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example(i + offset, TEXTS[(i + offset) % TEXTS.length], null, (i / 2) % 2));
        }
        return out;
    }

    private static ResumeRuns.Factory factory(Path dir, long seed) throws IOException {
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), seed);
        return new ResumeRuns.Factory() {
            @Override
            public SequenceClassifier model() {
                return SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"), 16, seed);
            }

            @Override
            public MethodSetup setup() {
                return new MethodSetup(new ProbeGradientPathTest.OnePassCe(), null);
            }
        };
    }

    /** 11 examples in batches of 4 (3 steps per epoch, the last one short), 3 epochs: 9 steps. */
    private static TrainConfig config(long seed) {
        return config(seed, DropoutMasks.LIBTORCH);
    }

    private static TrainConfig config(long seed, DropoutMasks masks) {
        return TrainConfig.builder().optEpochs(3).optBatchSize(4).optLearningRate(2e-3).optSeed(seed)
                .optMaxLength(16).optLogEverySteps(1).optWarmupSteps(2).optDropoutMasks(masks).build();
    }

    @Test
    void interruptedRunsEndBitIdentical(@TempDir Path dir) throws Exception {
        long seed = ResumeRuns.seed(System.nanoTime() % 1000);
        ResumeRuns.Factory f = factory(dir, 5);
        List<Example> train = examples(11, 0);
        List<Example> dev = examples(5, 3);
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, config(5), train, dev, dir.resolve("a"));
        List<ResumeRuns.Interruption> stops = ResumeRuns.randomInterruptions(seed, 9);
        String what = "interruptions " + stops + ResumeRuns.reproduce(seed);
        ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, config(5), train, dev, dir.resolve("b"), 2, stops);
        ResumeRuns.assertSameOutcome(expected, actual, what);
    }

    /**
     * Counter-based dropout masks: a run interrupted and resumed ends bit-identical to an uninterrupted one (the
     * masks follow from the step seeds), and the setting is applied (another model than the engine's masks give).
     * Its JSON form names it, the default's does not (so earlier keys and resume states stay valid).
     */
    @Test
    void counterMasksResumeBitIdentical(@TempDir Path dir) throws Exception {
        long seed = ResumeRuns.seed(System.nanoTime() % 1000);
        ResumeRuns.Factory f = factory(dir, 5);
        List<Example> train = examples(11, 0);
        List<Example> dev = examples(5, 3);
        TrainConfig counter = config(5, DropoutMasks.COUNTER);
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, counter, train, dev, dir.resolve("a"));
        List<ResumeRuns.Interruption> stops = ResumeRuns.randomInterruptions(seed, 9);
        ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, counter, train, dev, dir.resolve("b"), 2, stops);
        ResumeRuns.assertSameOutcome(expected, actual, "interruptions " + stops + ResumeRuns.reproduce(seed));
        ResumeRuns.Outcome engine = ResumeRuns.uninterrupted(f, config(5), train, dev, dir.resolve("c"));
        assertTrue(expected.weights().entrySet().stream()
                .anyMatch(e -> !java.util.Arrays.equals(e.getValue(), engine.weights().get(e.getKey()))),
                "counter masks trained the engine-mask model");

        ObjectMapper json = new ObjectMapper();
        assertEquals("counter", json.valueToTree(counter).path("dropoutMasks").asText());
        assertFalse(json.valueToTree(config(5)).has("dropoutMasks"), "the default enters keys and fingerprints");
    }

    /** Every interruption point, killed and stopped, with states every step and every 4 steps. */
    @Test
    void everyInterruptionPoint(@TempDir Path dir) throws Exception {
        ResumeRuns.Factory f = factory(dir, 6);
        List<Example> train = examples(11, 0);
        List<Example> dev = examples(5, 3);
        TrainConfig config = TrainConfig.builder().optEpochs(2).optBatchSize(4).optLearningRate(2e-3).optSeed(6)
                .optMaxLength(16).optLogEverySteps(2).build();
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, config, train, dev, dir.resolve("a"));
        int run = 0;
        for (long k = 1; k < 6; k++) {
            for (ResumeRuns.Stop how : ResumeRuns.Stop.values()) {
                for (long every : new long[] {1, 4}) {
                    List<ResumeRuns.Interruption> stops = List.of(new ResumeRuns.Interruption(k, how));
                    ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, config, train, dev,
                            dir.resolve("b" + run++), every, stops);
                    ResumeRuns.assertSameOutcome(expected, actual, how + " after step " + k + ", state every "
                            + every + " steps");
                }
            }
        }
    }

    @Test
    void incompleteStatesAreIgnoredAndCleaned(@TempDir Path dir) throws Exception {
        ResumeRuns.Factory f = factory(dir, 5);
        List<Example> train = examples(11, 0);
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, config(5), train, List.of(), dir.resolve("a"));
        Path out = dir.resolve("b");
        // a torn resume/ (no state.json), a temporary directory and an old one left behind by a killed save
        Files.createDirectories(out.resolve("resume"));
        Files.writeString(out.resolve("resume").resolve("model.safetensors"), "half");
        Files.createDirectories(out.resolve("resume.tmp-123"));
        Files.writeString(out.resolve("resume.tmp-123").resolve("optimizer.safetensors"), "half");
        Files.createDirectories(out.resolve("resume.old-456"));
        // a state.json whose files do not have the recorded sizes is incomplete too
        Files.writeString(out.resolve("resume.old-456").resolve("state.json"), "{\"format\":\""
                + ResumeState.FORMAT + "\",\"step\":3,\"files\":{\"model.safetensors\":10,\"optimizer.safetensors\":10}}");
        assertTrue(ResumeState.peek(out).isEmpty(), "nothing complete to resume");
        ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, config(5), train, List.of(), out, 3, List.of());
        ResumeRuns.assertSameOutcome(expected, actual, "fresh start over incomplete states");
        try (var s = Files.list(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith("resume")), "left: " + names);
        }
    }

    /** A kill between the save's two renames leaves no resume/ but a complete resume.tmp-*: it is used. */
    @Test
    void completeStateUnderATemporaryNameIsRecovered(@TempDir Path dir) throws Exception {
        ResumeRuns.Factory f = factory(dir, 5);
        List<Example> train = examples(11, 0);
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, config(5), train, List.of(), dir.resolve("a"));
        Path out = dir.resolve("b");
        ResumeRuns.interruptOnly(f, config(5), train, List.of(), out, 2,
                new ResumeRuns.Interruption(4, ResumeRuns.Stop.REQUEST));
        Files.move(out.resolve("resume"), out.resolve("resume.tmp-789"));
        Files.createDirectories(out.resolve("resume.old-1"));
        var point = ResumeState.peek(out).orElseThrow();
        assertEquals(5, point.step());
        assertEquals(9, point.totalSteps());
        assertEquals(2, point.epoch());
        ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, config(5), train, List.of(), out, 2, List.of());
        ResumeRuns.assertSameOutcome(expected, actual, "recovered from resume.tmp-*");
    }

    @Test
    void theStateOfAnotherRunIsRefused(@TempDir Path dir) throws Exception {
        ResumeRuns.Factory f = factory(dir, 5);
        List<Example> train = examples(11, 0);
        Path out = dir.resolve("out");
        ResumeRuns.interruptOnly(f, config(5), train, List.of(), out, 2,
                new ResumeRuns.Interruption(3, ResumeRuns.Stop.KILL));
        assertTrue(Files.exists(out.resolve("resume").resolve("state.json")));
        TrainConfig otherLr = TrainConfig.builder().optEpochs(3).optBatchSize(4).optLearningRate(1e-3).optSeed(5)
                .optMaxLength(16).optLogEverySteps(1).optWarmupSteps(2).build();
        try (SequenceClassifier model = f.model()) {
            ResumeMismatchException e = assertThrows(ResumeMismatchException.class, () -> new Trainer(otherLr, out,
                    new ObjectMapper().createObjectNode()).train(model, f.setup(), train, List.of()));
            assertTrue(e.getMessage().contains("train_config: learningRate 0.002 -> 0.001"), e.getMessage());
            assertTrue(e.getMessage().contains("delete " + out.resolve("resume")), e.getMessage());
        }
        List<Example> otherData = new ArrayList<>(train);
        otherData.set(4, new Example(4, "he he he", null, 1));
        try (SequenceClassifier model = f.model()) {
            ResumeMismatchException e = assertThrows(ResumeMismatchException.class, () -> new Trainer(config(5), out,
                    new ObjectMapper().createObjectNode()).train(model, f.setup(), otherData, List.of()));
            assertEquals(1, e.differences().size(), e.getMessage());
            assertTrue(e.differences().get(0).startsWith("train_data: saved "), e.getMessage());
        }
        assertTrue(Files.exists(out.resolve("resume").resolve("state.json")), "a refused state is left alone");
    }

    @Test
    void stepSeedsDifferAcrossStepsAndSeeds() {
        Set<Integer> seen = new HashSet<>();
        for (long seed : new long[] {0, 1, 42, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            for (long step = 1; step <= 1000; step++) {
                assertTrue(seen.add(Trainer.stepSeed(seed, step)), "collision at seed " + seed + " step " + step);
            }
        }
        assertEquals(Trainer.stepSeed(42, 7), Trainer.stepSeed(42, 7));
        assertNotEquals(Trainer.stepSeed(42, 1), 42);
    }

    @Test
    void checkpointPolicy() {
        CheckpointPolicy p = CheckpointPolicy.DEFAULT;
        assertFalse(p.due(199, Duration.ofMinutes(9).toNanos()));
        assertTrue(p.due(200, 0));
        assertTrue(p.due(1, Duration.ofMinutes(10).toNanos()));
        assertFalse(p.due(0, Duration.ofMinutes(20).toNanos()), "nothing new to save");
        assertFalse(CheckpointPolicy.NEVER.due(1_000_000, Long.MAX_VALUE));
        assertFalse(CheckpointPolicy.NEVER.enabled());
        assertTrue(CheckpointPolicy.of(0, Duration.ofSeconds(1)).due(1, Duration.ofSeconds(1).toNanos()));
        assertFalse(CheckpointPolicy.of(0, Duration.ofSeconds(1)).due(500, 0));
        assertThrows(IllegalArgumentException.class, () -> CheckpointPolicy.of(-1, Duration.ZERO));
    }

    @Test
    void sigtermSetsTheGlobalStopRequest() throws Exception {
        StopRequest.global().clear();
        try (StopRequest.Installed ignored = StopRequest.installSignalHandler()) {
            sun.misc.Signal.raise(new sun.misc.Signal("TERM"));
            for (int i = 0; i < 200 && !StopRequest.global().isRequested(); i++) {
                Thread.sleep(10);
            }
            assertTrue(StopRequest.global().isRequested());
            assertEquals("SIGTERM", StopRequest.global().reason());
        } finally {
            StopRequest.global().clear();
        }
    }

    @Test
    void optimizerStateRoundTripsBitForBit(@TempDir Path dir) throws Exception {
        try (NDManager m = Djl.newManager()) {
            Param a = new Param("a.weight", m.create(new float[] {1f, -2f, 0.5f, -0f}), 0.01);
            Param b = new Param("b.bias", m.create(new float[] {3f, 4f}), 0.0);
            List<Param> params = List.of(a, b);
            Path file = dir.resolve("opt.safetensors");
            try (AdamW opt = new AdamW(AdamWConfig.rose())) {
                opt.step(params, List.of(m.create(new float[] {0.1f, -0.3f, 1e-8f, -0f}), m.create(new float[] {2f, -1f})),
                        1e-3, TensorMasks.none());
                opt.step(params, java.util.Arrays.asList(m.create(new float[] {0.2f, 0.3f, -1e-3f, 5f}), null), 1e-3, TensorMasks.none());
                opt.saveState(file);
                try (AdamW back = new AdamW(AdamWConfig.rose())) {
                    back.loadState(file, params);
                    for (Param p : params) {
                        assertEquals(opt.stepCount(p.name()), back.stepCount(p.name()), p.name());
                        assertArrayEquals(bits(opt.firstMoment(p.name())), bits(back.firstMoment(p.name())));
                        assertArrayEquals(bits(opt.secondMoment(p.name())), bits(back.secondMoment(p.name())));
                    }
                    assertEquals(2, back.stepCount("a.weight"));
                    assertEquals(1, back.stepCount("b.bias"));
                }
            }
            Param wrongShape = new Param("a.weight", m.create(new float[] {1f, 2f}), 0.01);
            try (AdamW back = new AdamW(AdamWConfig.rose())) {
                Exception e = assertThrows(IOException.class, () -> back.loadState(file, List.of(wrongShape, b)));
                assertTrue(e.getMessage().contains("a.weight.exp_avg' has shape [4]"), e.getMessage());
                e = assertThrows(IOException.class, () -> back.loadState(file, List.of(b)));
                assertTrue(e.getMessage().contains("'a.weight', which is not a parameter"), e.getMessage());
            }
        }
    }

    private static int[] bits(NDArray a) {
        float[] f = a.toFloatArray();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToRawIntBits(f[i]);
        }
        return out;
    }
}
