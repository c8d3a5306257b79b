package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.matrix.ResultStore.State;

class ResultStoreTest {

    @TempDir
    Path tmp;

    private Cell cell() {
        return MatrixPlan.of(MatrixConfigLoaderTest.parse(MatrixConfigLoaderTest.VALID)).cells().get(1);
    }

    @Test
    void aCellIsDoneOnlyWhenItsResultWasWrittenCompletely() throws Exception {
        ResultStore store = new ResultStore(tmp);
        Cell c = cell();
        assertEquals(State.PENDING, store.state(c));
        Path dir = store.begin(c, false);
        assertTrue(Files.isRegularFile(dir.resolve(ResultStore.KEY)));
        // what a kill during the write leaves behind: a temporary file, or a truncated result
        Files.writeString(dir.resolve("result.json12345.tmp"), "{\"kind\":");
        assertEquals(State.PENDING, store.state(c));
        Files.writeString(dir.resolve(ResultStore.RESULT), "{\"kind\": \"ev");
        assertEquals(State.PENDING, store.state(c), "a truncated result is not taken as done");
        store.fail(c, new IllegalStateException("boom"));
        assertEquals(State.FAILED, store.state(c));
        Files.delete(dir.resolve(ResultStore.RESULT));
        assertEquals("boom", store.failure(c));
        store.complete(c, new ObjectMapper().createObjectNode().put("kind", "eval"));
        assertEquals(State.DONE, store.state(c));
        assertFalse(Files.exists(dir.resolve(ResultStore.FAILED)), "success clears the failure record");
    }

    @Test
    void aTrainAttemptStartsFromACleanCellButKeepsItsKey() throws Exception {
        ResultStore store = new ResultStore(tmp);
        Cell train = MatrixPlan.of(MatrixConfigLoaderTest.parse(MatrixConfigLoaderTest.VALID)).cells().get(0);
        Path dir = store.begin(train, true);
        Files.createDirectories(dir.resolve("last"));
        Files.writeString(dir.resolve("last/model.safetensors"), "partial");
        Files.writeString(dir.resolve("train.log"), "partial");
        store.begin(train, true);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(ResultStore.KEY), s.map(p -> p.getFileName().toString()).toList());
        }
        ObjectNode key = (ObjectNode) new ObjectMapper().readTree(dir.resolve(ResultStore.KEY).toFile());
        assertEquals(train.id(), "train-" + Hashing.shortHash(Hashing.canonical(key)), "cell.json is exactly what was hashed");
    }

    @Test
    void aRunWhoseCellsAreAllDoneDoesNoWorkAndRewritesNoRow() throws Exception {
        Path config = tmp.resolve("m.yaml");
        Files.writeString(config, MatrixConfigLoaderTest.VALID + "out_dir: " + tmp.resolve("run") + "\n");
        MatrixConfig c = MatrixConfigLoader.load(config, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        for (Cell cell : plan.cells()) {
            store.begin(cell, false);
            Files.createDirectories(store.dir(cell).resolve("last"));
            Files.writeString(store.dir(cell).resolve("last/config.json"), "{}");
            store.complete(cell, new ObjectMapper().createObjectNode().put("kind", cell.kind().label())
                    .put("method_label", "old label"));
        }
        Path row = store.dir(plan.cells().get(0)).resolve(ResultStore.RESULT);
        byte[] before = Files.readAllBytes(row);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MatrixRunner.Summary s = new MatrixRunner(plan, store, new PrintStream(log, true, StandardCharsets.UTF_8)).run(plan.cells());
        assertEquals(plan.cells().size(), s.alreadyDone());
        assertEquals(0, s.ran());
        assertArrayEquals(before, Files.readAllBytes(row), "a finished row is never rewritten");
        // labels and order live in plan.json, read by the tables
        JsonNode display = new ObjectMapper().readTree(c.outDir().resolve("plan.json").toFile())
                .path("display").path(plan.cells().get(0).id());
        assertEquals("Vanilla", display.path("method_label").asText());
        assertEquals(0, display.path("method_order").asInt());
        assertEquals("minilm-l6", display.path("model").asText());
        assertTrue(display.path("train_cell").isMissingNode(), "a training needs no model");
        JsonNode displays = new ObjectMapper().readTree(c.outDir().resolve("plan.json").toFile()).path("display");
        for (Cell cell : plan.cells()) {
            if (cell.kind() != Cell.Kind.TRAIN) {
                assertEquals(cell.train().id(), displays.path(cell.id()).path("train_cell").asText(), cell.describe());
            }
        }
    }

    @Test
    void retrainingAModelWhoseCheckpointIsGoneRunsItsFinishedDependentsAgain() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("fake-model"));
        Files.writeString(model.resolve("config.json"), "{}");
        Files.writeString(model.resolve("model.safetensors"), "not a model: training fails at once");
        Files.writeString(model.resolve("tokenizer.json"), "{}");
        Path config = tmp.resolve("m.yaml");
        Files.writeString(config, """
                name: retrain
                models: [{name: fake, path: %s}]
                tasks: [sst2]
                seeds: [1]
                train: {epochs: 1, train_sample: 8}
                methods: [vanilla]
                evaluations: [dev, advglue]
                attacks: [{recipe: pwws, num_examples: 2}]
                out_dir: %s
                """.formatted(model, tmp.resolve("run")));
        MatrixConfig c = MatrixConfigLoader.load(config, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        ResultStore store = new ResultStore(c.outDir());
        for (Cell cell : plan.cells()) {
            store.begin(cell, false);
            store.complete(cell, new ObjectMapper().createObjectNode().put("kind", cell.kind().label()));
        }
        // results copied without checkpoints, and one evaluation still to do
        Cell advglue = plan.cells().get(2);
        Cell attack = plan.cells().get(3);
        Files.delete(store.dir(advglue).resolve(ResultStore.RESULT));
        Files.writeString(store.dir(attack).resolve("attack.jsonl"), "{\"exampleId\": \"of the old model\"}\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new MatrixRunner(plan, store, new PrintStream(log, true, StandardCharsets.UTF_8)).run(plan.cells());
        for (Cell dependent : plan.cells().subList(1, plan.cells().size())) {
            try (var files = Files.list(store.dir(dependent))) {
                assertEquals(List.of(ResultStore.KEY), files.map(p -> p.getFileName().toString()).toList(),
                        dependent.describe() + ": rows and partial attack logs of the old model are gone");
            }
        }
    }
}
