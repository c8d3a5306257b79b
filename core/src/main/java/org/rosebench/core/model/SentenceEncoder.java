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

    /**
     * Rows of at least this many tokens come out of {@link #embed(EncodedBatch)} bit for bit the same whatever the
     * other rows of the batch and however far it is padded; shorter rows can change in the last bits with the padded
     * length (libtorch 2.7.1 on CPU picks other kernels for short attention rows). Measured on this build and checked
     * by SentenceEncoderBatchingTest.
     */
    public static final int BATCH_INVARIANT_TOKENS = 16;

    /**
     * Normalised embeddings, one row per text, in forward passes of at most {@code batchSize} texts. When every text
     * has at least {@link #BATCH_INVARIANT_TOKENS} tokens, the texts are tokenised once and grouped by token length
     * ({@link LengthBatches}) so that little padding is computed; the grouping does not change the numbers. Otherwise
     * consecutive texts are embedded together, padded to the longest of them, so that short texts get exactly the
     * numbers they always got.
     */
    public float[][] embed(List<String> texts, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        float[][] out = new float[texts.size()][];
        if (texts.isEmpty()) {
            return out;
        }
        EncodedBatch all = tokenizer.encode(texts, null);
        int[] lengths = new int[texts.size()];
        boolean invariant = true;
        for (int r = 0; r < lengths.length; r++) {
            lengths[r] = all.rowLength(r);
            invariant &= lengths[r] >= BATCH_INVARIANT_TOKENS;
        }
        List<int[]> passes = invariant ? LengthBatches.plan(lengths, batchSize, LengthBatches.PASS_COST_TOKENS)
                : LengthBatches.consecutive(texts.size(), batchSize);
        for (int[] rows : passes) {
            float[][] e = embed(all.rows(rows));
            for (int k = 0; k < rows.length; k++) {
                out[rows[k]] = e[k];
            }
        }
        return out;
    }

    /** Normalised embeddings of one tokenised batch, one forward pass. */
    public float[][] embed(EncodedBatch batch) {
        int h = config.hiddenSize();
        float[][] out = new float[batch.batchSize()][];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDManager m = manager();
            float[] e = MeanPooling.pool(sequenceOutput(batch, m, Dropouts.eval()), batch.attentionMask(m), true)
                    .toFloatArray();
            for (int r = 0; r < out.length; r++) {
                out[r] = java.util.Arrays.copyOfRange(e, r * h, (r + 1) * h);
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
