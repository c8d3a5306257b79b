package org.rosebench.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import org.rosebench.core.BadInputException;
import org.rosebench.core.tokenize.TextTokenizer;

/** sentence-transformers style encoder: mean pooling over tokens, L2-normalised. */
public final class SentenceEncoder extends EncoderModel {

    private SentenceEncoder(ModelConfig config, Weights w, TextTokenizer tok) {
        super(config, w, tok);
    }

    public static SentenceEncoder load(HfDirectory dir, int maxLength) {
        requireFits(dir, maxLength);
        ModelConfig config = dir.config();
        LoadedWeights loaded = loadWeights(dir, config, List.of(), 0L, false);
        Weights w = loaded.weights();
        if (!loaded.report().complete()) {
            w.close();
            throw new BadInputException(dir.weightsFile(), "incomplete encoder checkpoint (" + loaded.report().summary() + ")");
        }
        return new SentenceEncoder(config, w, TextTokenizer.load(dir.tokenizerJson(), maxLength, config.padTokenId()));
    }

    /** Normalised embeddings, one row per text, batched. */
    public float[][] embed(List<String> texts, int batchSize) {
        int h = config.hiddenSize();
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += batchSize) {
            int end = Math.min(texts.size(), start + batchSize);
            EncodedBatch batch = tokenizer.encode(texts.subList(start, end), null);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDManager m = manager();
                float[] e = MeanPooling.pool(sequenceOutput(batch, m, Dropouts.eval()), batch.attentionMask(m), true)
                        .toFloatArray();
                for (int r = 0; r < end - start; r++) {
                    out[start + r] = java.util.Arrays.copyOfRange(e, r * h, (r + 1) * h);
                }
            }
        }
        return out;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
