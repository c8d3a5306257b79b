package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDScope;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.catalog.ModelCatalog;

/**
 * Acceptance 1: all-MiniLM-L6-v2 in our DJL encoder (weights recovered from the ONNX initializers) reproduces ONNX
 * Runtime's {@code last_hidden_state} on the very same ONNX file, padding included.
 */
@Tag("slow")
class MiniLmOnnxParityTest {

    private static final List<String> SENTENCES = List.of(
            "The capital of France is Paris.",
            "a gorgeous , witty , seductive movie .",
            "it 's a charming and often affecting journey .",
            "Unflinchingly bleak and desperate, the film never lets go; it is not for the faint-hearted!",
            "Hi");

    @Test
    void lastHiddenStateMatchesOnnxRuntime(@TempDir Path tmp) throws Exception {
        Path onnx = ModelCatalog.extractMiniLmOnnx(tmp.resolve("model.onnx"));
        try (SentenceEncoder model = SentenceEncoder.load(ModelCatalog.resolve("minilm-l6"), 128);
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            EncodedBatch batch = model.tokenizer().encode(SENTENCES, null);
            float[] ours = model.sequenceOutput(batch, model.manager(), Dropouts.eval()).toFloatArray();

            long[] shape = {batch.batchSize(), batch.length()};
            Map<String, OnnxTensor> inputs = Map.of(
                    "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.inputIds()), shape),
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape),
                    "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] ref = (float[][][]) result.get(0).getValue();
                int h = model.config().hiddenSize();
                double maxDiff = 0;
                for (int b = 0; b < batch.batchSize(); b++) {
                    for (int t = 0; t < batch.length(); t++) {
                        if (batch.attentionMask()[b * batch.length() + t] == 0) {
                            continue; // padded positions are undefined in both
                        }
                        for (int k = 0; k < h; k++) {
                            float o = ours[(b * batch.length() + t) * h + k];
                            maxDiff = Math.max(maxDiff, Math.abs(o - ref[b][t][k]));
                        }
                    }
                }
                System.out.printf("MiniLM vs ONNX Runtime: max |diff| over %d sentences = %.3g%n", SENTENCES.size(), maxDiff);
                assertTrue(maxDiff < 1e-4, "max abs difference " + maxDiff + " >= 1e-4");
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void sentenceEmbeddingsAreNormalisedAndSensible() {
        try (SentenceEncoder model = SentenceEncoder.load(ModelCatalog.resolve("minilm-l6"), 128)) {
            float[][] e = model.embed(List.of("A man is playing a guitar.", "Someone plays a guitar.",
                    "The stock market fell sharply today."), 8);
            double norm = 0;
            for (float v : e[0]) {
                norm += v * v;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5);
            double close = SentenceEncoder.cosine(e[0], e[1]);
            double far = SentenceEncoder.cosine(e[0], e[2]);
            assertTrue(close > far + 0.3, "paraphrase " + close + " vs unrelated " + far);
        }
    }
}
