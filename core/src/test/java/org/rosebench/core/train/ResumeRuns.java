package org.rosebench.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.util.StopRequest;

/**
 * Test support for resumable training: a run trained in one go against the same run interrupted (a clean stop
 * request, or a simulated kill that leaves only the last periodic state) and resumed in fresh "processes" (new
 * model and method objects), compared bit for bit: every weight, {@code last/} and {@code best/} files, metrics,
 * {@code train.log} and {@code selection.jsonl}. Timing fields (seconds, rates) are the only thing left out.
 */
public final class ResumeRuns {

    /** How a process of an interrupted run ends. */
    public enum Stop {
        /** {@link StopRequest} after the step: the trainer saves and throws {@link TrainingStopped}. */
        REQUEST,
        /** An exception after the step, as a SIGKILL: nothing saved beyond the periodic states. */
        KILL
    }

    /** One interruption: after {@code afterStep}, {@code how}. */
    public record Interruption(long afterStep, Stop how) {}

    /** Builds a fresh model and method setup, as a new process would. */
    public interface Factory {
        SequenceClassifier model() throws IOException;

        MethodSetup setup();
    }

    /** Everything a run leaves that must not depend on interruptions. */
    public record Outcome(Map<String, float[]> weights, JsonNode metrics, List<String> trainLog,
            List<String> selectionLog, Map<String, byte[]> checkpointFiles) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TIMING = Set.of("elapsed_s", "seconds", "examplesPerSecond", "trainSeconds");

    private ResumeRuns() {}

    /** The seed of a seeded test: {@code -Dtests.seed=N} overrides {@code dflt}. */
    public static long seed(long dflt) {
        String s = System.getProperty("tests.seed");
        return s == null || s.isBlank() ? dflt : Long.parseLong(s.trim());
    }

    public static String reproduce(long seed) {
        return " (reproduce with -Dtests.seed=" + seed + ")";
    }

    /** 1 or 2 interruptions at seeded random steps in [1, totalSteps − 1], each a stop request or a kill. */
    public static List<Interruption> randomInterruptions(long seed, long totalSteps) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(2);
        List<Interruption> out = new ArrayList<>();
        long from = 1;
        for (int i = 0; i < n && from < totalSteps; i++) {
            long at = from + r.nextInt((int) (totalSteps - from));
            out.add(new Interruption(at, r.nextBoolean() ? Stop.REQUEST : Stop.KILL));
            from = at + 2; // a stop request made after step k may be honoured after step k + 1
        }
        return out;
    }

    public static Outcome uninterrupted(Factory f, TrainConfig config, List<Example> train, List<Example> dev,
            Path out) throws IOException {
        try (SequenceClassifier model = f.model()) {
            new Trainer(config, out, JSON.createObjectNode().put("test", "resume"))
                    .optCheckpointPolicy(CheckpointPolicy.NEVER).optStopRequest(new StopRequest())
                    .train(model, f.setup(), train, dev);
            return outcome(model, out);
        }
    }

    /**
     * Trains with periodic states every {@code saveEvery} steps, interrupted as listed, each time resumed by a
     * fresh model and setup, until a process completes.
     */
    public static Outcome interrupted(Factory f, TrainConfig config, List<Example> train, List<Example> dev,
            Path out, long saveEvery, List<Interruption> interruptions) throws IOException {
        for (Interruption stop : interruptions) {
            interruptOnly(f, config, train, dev, out, saveEvery, stop);
        }
        try (SequenceClassifier model = f.model()) {
            new Trainer(config, out, JSON.createObjectNode().put("test", "resume"))
                    .optCheckpointEvery(saveEvery, java.time.Duration.ZERO).optStopRequest(new StopRequest())
                    .train(model, f.setup(), train, dev);
            assertFalse(Files.exists(out.resolve(ResumeState.DIR)), "resume/ is deleted at the end");
            return outcome(model, out);
        }
    }

    /** One process of an interrupted run: trains (or resumes) until {@code stop}. */
    public static void interruptOnly(Factory f, TrainConfig config, List<Example> train, List<Example> dev, Path out,
            long saveEvery, Interruption stop) throws IOException {
        StopRequest request = new StopRequest();
        try (SequenceClassifier model = f.model()) {
            new Trainer(config, out, JSON.createObjectNode().put("test", "resume"))
                    .optCheckpointEvery(saveEvery, java.time.Duration.ZERO).optStopRequest(request)
                    .optAfterStep(step -> {
                        if (step == stop.afterStep()) {
                            if (stop.how() == Stop.KILL) {
                                throw new SimulatedKill(step);
                            }
                            request.request("test stop after step " + step);
                        }
                    }).train(model, f.setup(), train, dev);
            fail("training was to be interrupted after step " + stop.afterStep());
        } catch (TrainingStopped e) {
            assertEquals(Stop.REQUEST, stop.how(), "stopped without a request: " + e.getMessage());
            // a request made after step k is seen after step k + 1, or before the next epoch
            assertTrue(e.step() == stop.afterStep() || e.step() == stop.afterStep() + 1, e.getMessage());
            assertTrue(Files.isRegularFile(out.resolve(ResumeState.DIR).resolve(ResumeState.STATE_FILE)));
        } catch (SimulatedKill e) {
            assertEquals(Stop.KILL, stop.how());
        }
    }

    /** Thrown by the test listener to end training as a kill would. */
    public static final class SimulatedKill extends RuntimeException {
        SimulatedKill(long step) {
            super("simulated kill after step " + step);
        }
    }

    static Outcome outcome(SequenceClassifier model, Path out) throws IOException {
        Map<String, float[]> weights = new LinkedHashMap<>();
        model.weights().asMap().forEach((k, v) -> weights.put(k, v.toFloatArray()));
        JsonNode metrics = withoutTiming(JSON.readTree(out.resolve("metrics.json").toFile()));
        List<String> log = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(Trainer.TRAIN_LOG))) {
            log.add(withoutTiming(JSON.readTree(line)).toString());
        }
        Path sel = out.resolve(Trainer.SELECTION_LOG);
        List<String> selection = Files.exists(sel) ? Files.readAllLines(sel) : List.of();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String dir : List.of("last", "best")) {
            Path f = out.resolve(dir).resolve("model.safetensors");
            if (Files.exists(f)) {
                files.put(dir + "/model.safetensors", Files.readAllBytes(f));
            }
        }
        return new Outcome(weights, metrics, log, selection, files);
    }

    static JsonNode withoutTiming(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(TIMING);
            o.fields().forEachRemaining(e -> withoutTiming(e.getValue()));
        } else if (n instanceof ArrayNode a) {
            a.forEach(ResumeRuns::withoutTiming);
        }
        return n;
    }

    /** Asserts bit-identical outcomes; {@code what} names the case (and how to reproduce it). */
    public static void assertSameOutcome(Outcome expected, Outcome actual, String what) {
        assertEquals(expected.weights().keySet(), actual.weights().keySet(), what);
        for (Map.Entry<String, float[]> e : expected.weights().entrySet()) {
            float[] a = e.getValue();
            float[] b = actual.weights().get(e.getKey());
            assertEquals(a.length, b.length, what + ": " + e.getKey());
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    fail(what + ": weight " + e.getKey() + "[" + i + "] is " + b[i] + ", uninterrupted " + a[i]);
                }
            }
        }
        assertEquals(expected.trainLog(), actual.trainLog(), what + ": train.log");
        assertEquals(expected.selectionLog(), actual.selectionLog(), what + ": selection.jsonl");
        assertEquals(expected.metrics(), actual.metrics(), what + ": metrics.json");
        assertEquals(expected.checkpointFiles().keySet(), actual.checkpointFiles().keySet(), what + ": checkpoints");
        expected.checkpointFiles().forEach((k, v) -> assertArrayEquals(v, actual.checkpointFiles().get(k),
                what + ": " + k));
    }
}
