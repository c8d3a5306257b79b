package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.harness.matrix.MatrixConfig;
import org.rosebench.harness.matrix.MatrixConfigLoader;
import org.rosebench.harness.matrix.MatrixPlan;
import org.rosebench.harness.matrix.ResultStore;

/**
 * Inputs that used to fail or mislead and are now accepted, recorded or reported: integer buffers in a checkpoint,
 * a partial load the user allowed, a cased vocab.txt, the checkpoint's own max_length, and exit codes of
 * {@code run --plan} and {@code status} that scripts can gate on.
 */
class BadInputAcceptedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void integerBuffersAreSkippedAndListed(@TempDir Path dir) throws Exception {
        Path model = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 1);
        appendI64PositionIds(model.resolve("model.safetensors"));
        try (SequenceClassifier c = SequenceClassifier.fromPretrained(HfDirectory.open(model), List.of("a", "b"), 16, 1)) {
            assertEquals(List.of("embeddings.position_ids (I64)"), c.loadReport().skippedBuffers());
            assertTrue(c.loadReport().unused().isEmpty(), c.loadReport().summary());
        }
    }

    @Test
    void anAllowedPartialLoadTrainsAndRecordsItsReport(@TempDir Path dir) throws Exception {
        Path model = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 1);
        renameTensors(model.resolve("model.safetensors"));
        Path data = smallSst2(dir.resolve("data"));
        Path out = dir.resolve("out");
        CliRun r = CliRun.run("train", "--model", model.toString(), "--task", "sst2", "--data", data.toString(),
                "--train-limit", "4", "--epochs", "1", "--batch-size", "4", "--max-length", "16", "--no-advglue",
                "--allow-partial-load", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode meta = JSON.readTree(out.resolve("last/rose_bench.json").toFile());
        JsonNode report = meta.get("load_report");
        assertTrue(report.get("initialised").toString().contains("roberta.embeddings.word_embeddings.weight"), report.toString());
        assertTrue(report.get("unused").toString().contains("model.embeddings.word_embeddings.weight"), report.toString());
        // the standalone commands use the max_length the checkpoint was trained with
        assertEquals(16, CheckpointMaxLength.resolve(out.resolve("last"), null));
        assertEquals(40, CheckpointMaxLength.resolve(out.resolve("last"), 40));
        assertEquals(CheckpointMaxLength.FALLBACK, CheckpointMaxLength.resolve(model, null));
    }

    @Test
    void vocabTxtHonoursDoLowerCase(@TempDir Path dir) throws Exception {
        Path cased = bert(dir.resolve("cased"));
        Files.writeString(cased.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
        Path uncased = bert(dir.resolve("uncased"));
        assertFalse(lowercases(HfDirectory.open(cased).tokenizerJson()));
        assertTrue(lowercases(HfDirectory.open(uncased).tokenizerJson()));
    }

    @Test
    void planExitsOneWhenSomethingIsMissingAndStatusWhenACellFailed(@TempDir Path dir) throws Exception {
        Path missing = Files.writeString(dir.resolve("missing.yaml"), """
                name: missing
                models: [{name: gone, path: /nonexistent/model}]
                tasks: [sst2]
                seeds: [1]
                methods: [vanilla]
                evaluations: [dev]
                """);
        CliRun plan = CliRun.run("run", missing.toString(), "--plan", "--out", dir.resolve("r1").toString());
        assertEquals(1, plan.code(), plan.err());
        assertTrue(plan.out().contains("missing (needed before `run`)"), plan.out());

        Path ok = Files.writeString(dir.resolve("ok.yaml"), """
                name: ok
                models: [minilm-l6]
                tasks: [sst2]
                seeds: [1]
                methods: [vanilla]
                evaluations: [dev]
                """);
        Path run = dir.resolve("r2");
        assertEquals(0, CliRun.run("status", ok.toString(), "--out", run.toString()).code());
        MatrixConfig c = MatrixConfigLoader.loadForPlan(ok, null, run);
        new ResultStore(run).fail(MatrixPlan.of(c).cells().get(0), new RuntimeException("boom"));
        CliRun status = CliRun.run("status", ok.toString(), "--out", run.toString());
        assertEquals(1, status.code(), status.out());
        assertTrue(status.out().contains("boom"), status.out());
        assertTrue(status.out().contains("2 cells: 0 done, 1 pending, 1 failed; 0 running now"), status.out());
    }

    private static boolean lowercases(Path tokenizerJson) throws Exception {
        return JSON.readTree(tokenizerJson.toFile()).path("normalizer").path("lowercase").asBoolean();
    }

    private static Path bert(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": 8, "
                + "\"num_attention_heads\": 2}");
        Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nBonn\nbonn\n");
        return dir;
    }

    static Path smallSst2(Path root) throws Exception {
        Path sst = Files.createDirectories(root.resolve("glue/SST-2"));
        String rows = "sentence\tlabel\nhe is the\t1\nthe hen\t0\nis he\t1\nthe the he\t0\n";
        Files.writeString(sst.resolve("train.tsv"), rows);
        Files.writeString(sst.resolve("dev.tsv"), rows);
        return root;
    }

    /** Appends {@code embeddings.position_ids} (I64 [1, 40]), as transformers before 4.31 saved it. */
    private static void appendI64PositionIds(Path file) throws Exception {
        editFile(file, (header, data) -> {
            ByteBuffer ids = ByteBuffer.allocate(8 * 40).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < 40; i++) {
                ids.putLong(i);
            }
            ObjectNode e = header.putObject("embeddings.position_ids");
            e.put("dtype", "I64");
            e.putArray("shape").add(1).add(40);
            e.putArray("data_offsets").add(data.length).add(data.length + 8 * 40);
            byte[] all = Arrays.copyOf(data, data.length + 8 * 40);
            System.arraycopy(ids.array(), 0, all, data.length, 8 * 40);
            return all;
        });
    }

    /** Prefixes every tensor name with {@code model.}: an export whose names the loader cannot match. */
    private static void renameTensors(Path file) throws Exception {
        editFile(file, (header, data) -> {
            ObjectNode renamed = JSON.createObjectNode();
            header.fields().forEachRemaining(e -> renamed.set(
                    e.getKey().equals("__metadata__") ? e.getKey() : "model." + e.getKey(), e.getValue()));
            header.removeAll();
            header.setAll(renamed);
            return data;
        });
    }

    private interface Edit {
        byte[] apply(ObjectNode header, byte[] data);
    }

    private static void editFile(Path file, Edit edit) throws Exception {
        byte[] b = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectNode header = (ObjectNode) JSON.readTree(Arrays.copyOfRange(b, 8, 8 + n));
        byte[] data = edit.apply(header, Arrays.copyOfRange(b, 8 + n, b.length));
        Files.write(file, BadInputs.handMade(JSON.writeValueAsString(header), data));
    }
}
