package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.TinyRoberta;

/**
 * kill -9 at seeded random moments of a worker (during a training, an evaluation or an attack), then a new worker
 * finishes the run: every trial must end with exactly the results of an uninterrupted run, each cell done once.
 * Workers are separate JVMs with one engine thread, like array tasks. Trials: {@code -Drose.fi.trials} (default
 * 10), seed {@code -Drose.fi.seed}.
 */
@Tag("slow")
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Row fields that depend on the wall clock, the host or the process, not on what was computed. */
    private static final Set<String> VOLATILE = Set.of("duration_seconds", "finished_at", "provenance",
            "train_seconds", "examples_per_second", "model_queries", "resumed_examples", "load_report");

    @TempDir
    static Path tmp;

    static Path config;
    static Path reference;

    @BeforeAll
    static void uninterruptedReference() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 5);
        config = tmp.resolve("fi.yaml");
        Files.writeString(config, """
                name: fi
                models: [{name: tiny, path: %s, allow_partial_load: true}]
                tasks: [sst2]
                seeds: [7]
                train: {epochs: 2, train_sample: 96, batch_size: 8, max_length: 24, eval_batch_size: 128}
                methods: [vanilla, r3f]
                evaluations: [dev]
                attacks: [{recipe: pwws, split: dev, num_examples: 5}]
                """.formatted(model));
        reference = tmp.resolve("reference");
        Process p = worker(reference, tmp.resolve("reference.log"));
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "reference run timed out");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("reference.log")));
    }

    static Process worker(Path runDir, Path log) throws IOException {
        return WorkerProcess.start(log, Map.of(), "run", config.toString(), "--out", runDir.toString(),
                "--checkpoint-every", "3", "--poll", "0.2");
    }

    @Test
    void killedAtRandomMomentsAndResumedEqualsUninterrupted() throws Exception {
        long seed = Long.getLong("rose.fi.seed", System.nanoTime());
        int trials = Integer.getInteger("rose.fi.trials", 10);
        String reproduce = "reproduce with -Drose.fi.seed=" + seed + " -Drose.fi.trials=" + trials;
        System.err.println("[FaultInjectionTest] " + reproduce);
        Random rnd = new Random(seed);
        List<String> kinds = List.of("train", "eval", "attack");
        Map<String, Integer> killedIn = new TreeMap<>();
        for (int t = 0; t < trials; t++) {
            String phase = kinds.get(t % kinds.size());
            Path run = tmp.resolve("trial-" + t);
            Process victim = worker(run, tmp.resolve("trial-" + t + "-a.log"));
            String where = waitForPhase(run, phase, victim);
            Thread.sleep(rnd.nextInt(phase.equals("train") ? 1500 : 400));
            victim.destroyForcibly(); // SIGKILL: nothing is saved on the way out
            victim.waitFor(30, TimeUnit.SECONDS);
            killedIn.merge(phase + (victim.exitValue() == 0 ? " (finished first)" : ""), 1, Integer::sum);
            Process finisher = worker(run, tmp.resolve("trial-" + t + "-b.log"));
            assertTrue(finisher.waitFor(10, TimeUnit.MINUTES), "trial " + t + " timed out; " + reproduce);
            assertEquals(0, finisher.exitValue(), "trial " + t + " (killed during " + where + "); " + reproduce + "\n"
                    + Files.readString(tmp.resolve("trial-" + t + "-b.log")));
            assertSameResults(reference, run, "trial " + t + " (killed during " + where + "); " + reproduce);
            assertDoneOnce(run, "trial " + t + "; " + reproduce);
        }
        System.err.println("[FaultInjectionTest] kills by phase: " + killedIn);
        for (String k : kinds) {
            assertTrue(killedIn.containsKey(k), "no kill landed during a(n) " + k + ": " + killedIn + "; " + reproduce);
        }
    }

    /** Waits until the worker is inside a cell of the given kind (for training: past its first steps). */
    private static String waitForPhase(Path run, String kind, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Path log = run.resolve(CellClaims.LOG);
            if (Files.isRegularFile(log)) {
                Map<String, String> open = new HashMap<>();
                for (String line : Files.readAllLines(log)) {
                    JsonNode n = JSON.readTree(line);
                    if (n.path("event").asText().equals("claim")) {
                        open.put(n.path("cell").asText(), n.path("kind").asText());
                    } else {
                        open.remove(n.path("cell").asText());
                    }
                }
                for (Map.Entry<String, String> e : open.entrySet()) {
                    if (e.getValue().equals(kind)) {
                        Path trainLog = run.resolve("cells").resolve(e.getKey()).resolve("train.log");
                        if (!kind.equals("train") || (Files.isRegularFile(trainLog) && Files.size(trainLog) > 0)) {
                            return kind + " " + e.getKey();
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        return kind + " (not reached: the worker " + (p.isAlive() ? "timed out" : "ended") + ")";
    }

    static void assertSameResults(Path expectedRun, Path actualRun, String context) throws IOException {
        Map<String, ObjectNode> expected = rows(expectedRun);
        Map<String, ObjectNode> actual = rows(actualRun);
        assertEquals(expected.keySet(), actual.keySet(), "same cells done; " + context);
        for (String cell : expected.keySet()) {
            assertEquals(expected.get(cell), actual.get(cell), cell + " differs; " + context);
            Path expectedAttack = expectedRun.resolve("cells").resolve(cell).resolve("attack.jsonl");
            if (Files.isRegularFile(expectedAttack)) {
                Set<String> a = new TreeSet<>(withoutTimes(Files.readAllLines(expectedAttack)));
                List<String> lines = withoutTimes(
                        Files.readAllLines(actualRun.resolve("cells").resolve(cell).resolve("attack.jsonl")));
                assertEquals(a, new TreeSet<>(lines), cell + ": attack.jsonl differs; " + context);
                assertEquals(a.size(), lines.size(), cell + ": duplicate lines in attack.jsonl; " + context);
            }
        }
    }

    /** Attack result lines without their wall-clock {@code seconds}, the header without its provenance (time, commit). */
    private static List<String> withoutTimes(List<String> lines) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            if (n instanceof ObjectNode o) {
                o.remove("seconds");
                o.remove("provenance");
            }
            out.add(n.toString());
        }
        return out;
    }

    private static Map<String, ObjectNode> rows(Path run) throws IOException {
        Map<String, ObjectNode> out = new TreeMap<>();
        try (Stream<Path> cells = Files.list(run.resolve("cells"))) {
            for (Path c : cells.toList()) {
                Path r = c.resolve(ResultStore.RESULT);
                if (Files.isRegularFile(r)) {
                    ObjectNode row = (ObjectNode) JSON.readTree(r.toFile());
                    row.remove(VOLATILE);
                    out.put(c.getFileName().toString(), row);
                }
            }
        }
        return out;
    }

    static void assertDoneOnce(Path run, String context) throws IOException {
        Map<String, Integer> done = new HashMap<>();
        for (String line : Files.readAllLines(run.resolve(CellClaims.LOG))) {
            JsonNode n = JSON.readTree(line);
            if (n.path("event").asText().equals("done")) {
                done.merge(n.path("cell").asText(), 1, Integer::sum);
            }
        }
        List<String> twice = new ArrayList<>();
        done.forEach((c, k) -> {
            if (k != 1) {
                twice.add(c + " ×" + k);
            }
        });
        assertTrue(twice.isEmpty(), "cells done more than once: " + twice + "; " + context);
    }
}
