package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.Djl;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.train.CheckpointWriter;

/**
 * Acceptance 3: the RoBERTa code path (byte-level BPE tokenizer, padding-aware position ids, the
 * dense → tanh → out_proj head) on a small generated checkpoint, checked against hand-computed values and through a
 * save/load round trip.
 */
class RobertaPathTest {

    private static final long SEED = 20221017L;

    @Test
    void positionIdsSkipPaddingAndStartAfterPadIndex() {
        ModelConfig config = tinyConfig();
        try (NDManager m = Djl.newManager()) {
            // <s> x y </s> <pad> <pad> ; second row fully used
            NDArray ids = m.create(new long[] {0, 40, 41, 2, 1, 1, 0, 40, 41, 42, 43, 2}, new Shape(2, 6));
            long[] pos = new TransformerEncoder(config).positionIds(ids).toLongArray();
            // HF create_position_ids_from_input_ids: cumsum(mask) * mask + padding_idx
            assertArrayEquals(new long[] {2, 3, 4, 5, 1, 1, 2, 3, 4, 5, 6, 7}, pos);
        }
    }

    @Test
    void classificationHeadMatchesHandComputation() {
        ModelConfig config = ModelConfig.of(tinyConfigJson().put("hidden_size", 2).put("num_attention_heads", 1));
        RobertaClassificationHead head = new RobertaClassificationHead(config, 2);
        try (NDManager m = Djl.newManager(); Weights w = new Weights(m.newSubManager())) {
            put(w, "classifier.dense.weight", new float[] {0.5f, -1f, 2f, 0.25f}, 2, 2);
            put(w, "classifier.dense.bias", new float[] {0.1f, -0.2f}, 2);
            put(w, "classifier.out_proj.weight", new float[] {1f, 2f, -3f, 0.5f}, 2, 2);
            put(w, "classifier.out_proj.bias", new float[] {0.01f, 0.02f}, 2);
            // sequence [B=1, L=2, H=2]: only the first token (<s>) is used
            NDArray seq = m.create(new float[] {0.3f, -0.7f, 9f, 9f}, new Shape(1, 2, 2));
            float[] logits = head.logits(w, seq, Dropouts.eval()).toFloatArray();
            double h0 = Math.tanh(0.5 * 0.3 + -1 * -0.7 + 0.1);
            double h1 = Math.tanh(2 * 0.3 + 0.25 * -0.7 - 0.2);
            assertEquals(1 * h0 + 2 * h1 + 0.01, logits[0], 1e-6);
            assertEquals(-3 * h0 + 0.5 * h1 + 0.02, logits[1], 1e-6);
        }
    }

    @Test
    void byteLevelBpeTokenizerFormsRobertaPairs(@TempDir Path dir) throws Exception {
        Path tok = TinyRoberta.writeTokenizer(dir.resolve("tokenizer.json"));
        try (var t = org.rosebench.core.tokenize.TextTokenizer.load(tok, 32, 1)) {
            EncodedBatch b = t.encode("he is", "the");
            List<String> tokens = new ArrayList<>();
            for (long id : b.inputIds()) {
                tokens.add(t.token((int) id));
            }
            // <s> A </s></s> B </s>, with "Ġ" marking a leading space in byte-level BPE
            assertEquals(List.of("<s>", "he", "Ġis", "</s>", "</s>", "the", "</s>"), tokens);
            EncodedBatch padded = t.encode(List.of("he", "he is the"), null);
            assertEquals(1, padded.inputIds()[padded.length() - 1], "short row padded with <pad> = 1");
            assertEquals(0, padded.attentionMask()[padded.length() - 1]);
        }
    }

    @Test
    void generatedCheckpointRoundTripsWithIdenticalLogits(@TempDir Path dir) throws Exception {
        Path src = TinyRoberta.writeCheckpoint(dir.resolve("tiny-roberta"), SEED);
        List<String> a = List.of("he is the", "the hen", "is he");
        List<String> b = List.of("the", "he is", "the the he");
        float[][] before;
        try (SequenceClassifier c = SequenceClassifier.fromPretrained(HfDirectory.open(src), List.of("neg", "pos"), 32, SEED)) {
            assertTrue(c.loadReport().initialised().contains("classifier.out_proj.weight"), c.loadReport().summary());
            before = c.probabilities(a, b, 2);
            CheckpointWriter.save(c, dir.resolve("saved"), new ObjectMapper().createObjectNode().put("task", "test"));
        }
        try (SequenceClassifier c = SequenceClassifier.load(dir.resolve("saved"), 32)) {
            assertEquals(List.of("neg", "pos"), c.labels());
            assertEquals("", c.loadReport().summary());
            float[][] after = c.probabilities(a, b, 3); // other batching, other padding
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(before[i], after[i], 1e-6f, "row " + i);
            }
        }
    }

    private static void put(Weights w, String name, float[] v, long... shape) {
        w.put(name, new TensorData(name, shape, v), shape);
    }

    static ObjectNode tinyConfigJson() {
        return TinyRoberta.config();
    }

    static ModelConfig tinyConfig() {
        return ModelConfig.of(tinyConfigJson());
    }
}
