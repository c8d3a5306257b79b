package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.harness.matrix.ResultStore.State;

/** Workers sharing a run directory, on a tiny random model (seconds per cell). */
class WorkerTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path config(String name, String seeds, Path model) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, """
                name: %s
                models: [{name: tiny, path: %s, allow_partial_load: true}]
                tasks: [sst2]
                seeds: %s
                train: {epochs: 1, train_sample: 24, batch_size: 8, max_length: 24, eval_batch_size: 64}
                methods: [vanilla]
                evaluations: [dev]
                out_dir: %s
                """.formatted(name, model, seeds, tmp.resolve("run")));
        return f;
    }

    private static MatrixRunner runner(MatrixPlan plan, ResultStore store, ByteArrayOutputStream log) {
        return new MatrixRunner(plan, store, new PrintStream(log, true, StandardCharsets.UTF_8))
                .optPoll(Duration.ofMillis(100)).optLease(Duration.ofSeconds(30));
    }

    @Test
    void twoWorkerProcessesOnOneRunDirectoryDoEveryCellExactlyOnce() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        Path cfg = config("two", "[1, 2, 3]", model);
        MatrixConfig c = MatrixConfigLoader.load(cfg, MatrixConfigLoaderTest.DATA, null);
        Process a = WorkerProcess.start(tmp.resolve("a.log"), Map.of(), "run", cfg.toString(), "--poll", "0.2");
        Process b = WorkerProcess.start(tmp.resolve("b.log"), Map.of(), "run", cfg.toString(), "--poll", "0.2");
        String logs = "";
        try {
            assertTrue(a.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) && b.waitFor(1, java.util.concurrent.TimeUnit.MINUTES));
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
            logs = Files.readString(tmp.resolve("a.log")) + "\n----\n" + Files.readString(tmp.resolve("b.log"));
        }
        assertEquals(0, a.exitValue(), logs);
        assertEquals(0, b.exitValue(), logs);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        Map<String, Integer> doneLines = new HashMap<>();
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (String line : Files.readAllLines(c.outDir().resolve(CellClaims.LOG))) {
            JsonNode n = JSON.readTree(line);
            if (n.path("event").asText().equals("done")) {
                doneLines.merge(n.path("cell").asText(), 1, Integer::sum);
                owners.add(n.path("owner").asText());
            }
        }
        for (Cell cell : plan.cells()) {
            assertEquals(State.DONE, store.state(cell), logs);
            assertEquals(1, doneLines.getOrDefault(cell.id(), 0), cell.describe() + " done once in claims.log");
            assertTrue(Files.notExists(store.dir(cell).resolve(CellClaims.CLAIM)), "claims released");
        }
        assertEquals(2, owners.size(), "both workers did some of the work\n" + logs);
    }

    @Test
    void aFailingCellIsRecordedWithItsAttemptsAndRetriedOnlyUpToTheLimit() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(model.resolve("config.json"), "{}");
        Files.writeString(model.resolve("model.safetensors"), "not a model: training fails at once");
        Files.writeString(model.resolve("tokenizer.json"), "{}");
        MatrixConfig c = MatrixConfigLoader.load(config("fail", "[1]", model), MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MatrixRunner.Summary s = runner(plan, store, log).optMaxRetries(1).run(plan.cells());
        Cell train = plan.cells().get(0);
        assertEquals(State.FAILED, store.state(train));
        assertEquals(2, store.attempts(train), "first attempt and one retry\n" + log);
        assertEquals(1, s.failed());
        assertEquals(1, s.blocked(), "the evaluation of the failed training");
        assertTrue(log.toString().contains("attempt 2 of 2"), log.toString());
        // a later run with the same limit does not try again; a higher limit does, once more
        runner(plan, store, log).optMaxRetries(1).run(plan.cells());
        assertEquals(2, store.attempts(train));
        runner(plan, store, log).optMaxRetries(2).run(plan.cells());
        assertEquals(3, store.attempts(train));
        JsonNode failed = JSON.readTree(store.dir(train).resolve(ResultStore.FAILED).toFile());
        assertEquals(3, failed.path("attempts").asInt());
        assertTrue(failed.path("error").asText().contains("Exception"), failed.toString());
    }

    @Test
    void aTrainingIsNotStartedWithoutSpaceForItsCheckpointsAndNoAttemptIsCounted() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        MatrixConfig c = MatrixConfigLoader.load(config("space", "[1]", model), MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setProperty("rose.reserve.mib", String.valueOf(Long.MAX_VALUE >> 22));
        MatrixRunner.Summary s;
        try {
            s = runner(plan, store, log).run(plan.cells());
        } finally {
            System.clearProperty("rose.reserve.mib");
        }
        assertEquals(0, s.ran());
        assertTrue(!s.ok() && s.failed() == 1, s.toString());
        assertTrue(log.toString().contains("not enough free space"), log.toString());
        assertEquals(State.PENDING, store.state(plan.cells().get(0)), "skipped, not failed: it runs once space is freed");
        assertEquals(0, store.attempts(plan.cells().get(0)));
        assertTrue(runner(plan, store, log).run(plan.cells()).ok(), "with space it runs");
    }

    @Test
    void anOutOfMemoryErrorIsRecordedInItsCellAndTheWorkerGoesOn() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        Path cfg = config("oom", "[1]", model);
        Files.writeString(cfg, Files.readString(cfg).replace("methods: [vanilla]",
                "methods: [{label: OOM, spec: test-failing, params: {error: oom}}, vanilla]"));
        MatrixConfig c = MatrixConfigLoader.load(cfg, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MatrixRunner.Summary s = runner(plan, store, log).optMaxRetries(0).run(plan.cells());
        Cell oom = plan.cells().stream().filter(x -> x.train().spec().equals("test-failing")).findFirst().orElseThrow();
        JsonNode failed = JSON.readTree(store.dir(oom).resolve(ResultStore.FAILED).toFile());
        assertEquals("java.lang.OutOfMemoryError", failed.path("error").asText(), failed.toString());
        assertEquals(1, failed.path("attempts").asInt());
        assertEquals(2, s.ran(), "the vanilla training and its evaluation still ran\n" + log);
        assertEquals(1, s.failed());
        assertEquals(1, s.blocked(), "the OOM training's evaluation");
    }

    /** The cells one worker finished, in order, as "kind method seed", from the run's claim log. */
    private static List<String> doneOrder(MatrixPlan plan, Path runDir) throws Exception {
        Map<String, String> label = new HashMap<>();
        for (Cell c : plan.cells()) {
            label.put(c.id(), c.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + c.train().spec() + " "
                    + c.train().seed());
        }
        List<String> order = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(CellClaims.LOG))) {
            JsonNode n = JSON.readTree(line);
            if (n.path("event").asText().equals("done")) {
                order.add(label.get(n.path("cell").asText()));
            }
        }
        return order;
    }

    @Test
    void byDefaultModelsTrainInPlanOrderEachFollowedByItsEvaluationsLongestFirstTrainsEverythingFirst()
            throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        Path cfg = config("order", "[1, 2]", model);
        // R3F costs more than vanilla: longest-first takes it first, the plan lists it second
        Files.writeString(cfg, Files.readString(cfg).replace("methods: [vanilla]", "methods: [vanilla, r3f]"));
        MatrixConfig c = MatrixConfigLoader.load(cfg, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        assertTrue(runner(plan, new ResultStore(c.outDir()), new ByteArrayOutputStream()).run(plan.cells()).ok());
        assertEquals(List.of("train vanilla 1", "eval vanilla 1", "train r3f 1", "eval r3f 1", "train vanilla 2",
                "eval vanilla 2", "train r3f 2", "eval r3f 2"), doneOrder(plan, c.outDir()));

        // a training with saved state (here: seed 2's R3F, stopped earlier) goes before the plan's first
        Path cfg3 = tmp.resolve("resumed.yaml");
        Files.writeString(cfg3, Files.readString(cfg).replace(c.outDir().toString(), tmp.resolve("resumed").toString()));
        MatrixConfig c3 = MatrixConfigLoader.load(cfg3, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan3 = MatrixPlan.of(c3);
        ResultStore store3 = new ResultStore(c3.outDir());
        Cell r3f2 = plan3.cells().stream().filter(x -> x.kind() == Cell.Kind.TRAIN && x.train().seed() == 2
                && x.train().spec().equals("r3f")).findFirst().orElseThrow();
        Files.createDirectories(store3.dir(r3f2).resolve(org.rosebench.core.train.ResumeState.DIR));
        assertEquals(r3f2, runner(plan3, store3, new ByteArrayOutputStream()).pick(
                plan3.cells().stream().filter(x -> x.kind() == Cell.Kind.TRAIN).toList(), new CostModel(c3), null));

        Path other = tmp.resolve("longest");
        Files.writeString(cfg, Files.readString(cfg).replace(c.outDir().toString(), other.toString()));
        MatrixConfig c2 = MatrixConfigLoader.load(cfg, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan2 = MatrixPlan.of(c2);
        assertTrue(runner(plan2, new ResultStore(c2.outDir()), new ByteArrayOutputStream())
                .optOrder(MatrixRunner.Order.LONGEST_FIRST).run(plan2.cells()).ok());
        List<String> longest = doneOrder(plan2, other);
        assertEquals(List.of("train r3f", "train r3f", "train vanilla", "train vanilla"),
                longest.subList(0, 4).stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList(), longest.toString());
        assertTrue(longest.subList(4, 8).stream().allMatch(l -> l.startsWith("eval ")), longest.toString());
    }

    @Test
    void pruningDeletesOnlyCheckpointsWhoseDependentsAreAllDone() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        Path cfg = config("prune", "[1, 2]", model);
        MatrixConfig c = MatrixConfigLoader.load(cfg, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        assertTrue(runner(plan, store, new ByteArrayOutputStream()).run(plan.cells()).ok());
        // seed 2's evaluation is pending again: its model must stay
        Cell seed2Eval = plan.cells().get(3);
        Files.delete(store.dir(seed2Eval).resolve(ResultStore.RESULT));
        List<CheckpointPruner.Prunable> dry = CheckpointPruner.find(c.outDir());
        assertEquals(1, dry.size());
        assertEquals(plan.cells().get(0).id(), dry.get(0).trainCell());
        assertTrue(Files.isDirectory(store.dir(plan.cells().get(0)).resolve("last")), "a dry run deletes nothing");
        CheckpointPruner.prune(c.outDir());
        assertTrue(Files.notExists(store.dir(plan.cells().get(0)).resolve("last")));
        assertTrue(Files.isRegularFile(store.dir(plan.cells().get(0)).resolve(ResultStore.RESULT)), "rows stay");
        assertTrue(Files.isDirectory(store.dir(plan.cells().get(2)).resolve("last")), "seed 2's model is still needed");
    }

    @Test
    void aRunDirectoryIsPinnedToItsFirstConfigUntilAnEditIsAdopted() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        MatrixConfig first = MatrixConfigLoader.load(config("pin", "[1]", model), MatrixConfigLoaderTest.DATA, null);
        MatrixPlan p1 = MatrixPlan.of(first);
        ResultStore store = new ResultStore(first.outDir());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertTrue(runner(p1, store, log).run(p1.cells()).ok());
        String pinnedConfig = Files.readString(first.outDir().resolve(PinnedPlan.CONFIG));

        MatrixConfig edited = MatrixConfigLoader.load(config("pin", "[1, 2]", model), MatrixConfigLoaderTest.DATA, null);
        MatrixPlan p2 = MatrixPlan.of(edited);
        PinnedPlan.Mismatch e = assertThrows(PinnedPlan.Mismatch.class, () -> runner(p2, store, log).run(p2.cells()));
        assertTrue(e.getMessage().contains(first.hash()) && e.getMessage().contains(edited.hash()), e.getMessage());
        assertTrue(e.getMessage().contains("--adopt-config"), e.getMessage());
        assertEquals(pinnedConfig, Files.readString(first.outDir().resolve(PinnedPlan.CONFIG)), "nothing changed");

        MatrixRunner.Summary s = runner(p2, store, log).optAdoptConfig(true).run(p2.cells());
        assertEquals(2, s.alreadyDone(), "seed 1's cells kept their keys and stay done");
        assertEquals(2, s.ran(), "only seed 2 ran");
        assertTrue(Files.isRegularFile(first.outDir().resolve(PinnedPlan.HISTORY).resolve(first.hash() + ".json")));
        assertTrue(Files.isRegularFile(first.outDir().resolve(PinnedPlan.HISTORY).resolve(first.hash() + ".yaml")));
        JsonNode plan = JSON.readTree(first.outDir().resolve("plan.json").toFile());
        assertEquals(edited.hash(), plan.path("config_hash").asText());
        assertEquals(first.hash(), plan.path("adopted_from").asText());
        // nothing is hidden for good: the earlier plan's rows are still there to tabulate
        assertEquals(2, org.rosebench.harness.report.ResultRows.load(first.outDir(), first.hash()).size());
        assertEquals(4, org.rosebench.harness.report.ResultRows.load(first.outDir()).size());
    }

    @Test
    void sameConfigButOtherCellsIsRefusedNamingWhy() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        MatrixConfig c = MatrixConfigLoader.load(config("code", "[1]", model), MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        PinnedPlan.pin(plan, store, false);
        // what another code version would plan: same config, other cell ids
        JsonNode pinned = JSON.readTree(c.outDir().resolve("plan.json").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) pinned.path("cells")).set(0,
                JSON.getNodeFactory().textNode("train-0000000000000000"));
        Files.writeString(c.outDir().resolve("plan.json"), pinned.toPrettyString());
        PinnedPlan.Mismatch e = assertThrows(PinnedPlan.Mismatch.class, () -> PinnedPlan.pin(plan, store, false));
        assertTrue(e.getMessage().contains("code versions"), e.getMessage());
        assertTrue(e.getMessage().contains("1 of the pinned plan's 2 cells"), e.getMessage());
    }

    @Test
    void simultaneousFirstWorkersPinOnePlan() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        MatrixConfig c = MatrixConfigLoader.load(config("race", "[1]", model), MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(pool.submit(() -> PinnedPlan.pin(plan, new ResultStore(c.outDir()), false)));
            }
            long pinned = 0;
            for (Future<String> f : all) {
                pinned += f.get().startsWith("pinned") ? 1 : 0;
            }
            assertEquals(1, pinned, "exactly one worker pins, the others find the same plan");
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(c.outDir())) {
            assertEquals(List.of(PinnedPlan.CONFIG, "plan.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }
}
