package org.rosebench.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import org.rosebench.core.BadInputException;
import org.rosebench.core.tokenize.TextTokenizer;

/** sentence-transformers style encoder: mean pooling over tokens, L2-normalised. */
public final class SentenceEncoder extends EncoderModel {

    /**
     * Long texts the grouping probe embeds alone and together: 20 to 40 tokens with the usual vocabularies, of
     * three different lengths, so that a batch pads the shorter ones.
     */
    static final List<String> PROBE_TEXTS = List.of(
            "the acting , costumes , music , cinematography and sound are all astounding given the production 's"
                    + " austere locales .",
            "this is one of those rare films that manages to be funny and sad at the same time without ever feeling"
                    + " forced or false , and the cast is uniformly excellent .",
            "it 's a charming and often affecting journey through the lives of people who are trying to do the right"
                    + " thing in a world that keeps changing the rules on them , told with a light touch and a"
                    + " generous heart .");

    /** Per intra-op thread count: whether grouping long texts by length leaves their bits as they are. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Boolean> groupingExact =
            new java.util.concurrent.ConcurrentHashMap<>();

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
     * length (libtorch 2.7.1 on CPU picks other kernels for short attention rows). Measured on this build with MKL's
     * AVX2 GEMM kernels and checked by SentenceEncoderBatchingTest; MKL's AVX-512 kernels keep no row's bits across
     * batch shapes, which {@link #lengthGroupingExact()} detects.
     */
    public static final int BATCH_INVARIANT_TOKENS = 16;

    /**
     * Normalised embeddings, one row per text, in forward passes of at most {@code batchSize} texts. When every text
     * has at least {@link #BATCH_INVARIANT_TOKENS} tokens and {@link #lengthGroupingExact()} holds, the texts are
     * tokenised once and grouped by token length ({@link LengthBatches}) so that little padding is computed; the
     * grouping does not change the numbers. Otherwise consecutive texts are embedded together, padded to the longest
     * of them, so that every text gets exactly the numbers it always got.
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
        List<int[]> passes = invariant && lengthGroupingExact()
                ? LengthBatches.plan(lengths, batchSize, LengthBatches.PASS_COST_TOKENS)
                : LengthBatches.consecutive(texts.size(), batchSize);
        for (int[] rows : passes) {
            float[][] e = embed(all.rows(rows));
            for (int k = 0; k < rows.length; k++) {
                out[rows[k]] = e[k];
            }
        }
        return out;
    }

    /**
     * Whether, on this machine's kernels and the current number of intra-op threads, a text of at least
     * {@link #BATCH_INVARIANT_TOKENS} tokens embeds to the same bits alone as padded in a batch with longer ones.
     * MKL's AVX2 GEMM kernels keep a row's bits whatever the batch; its AVX-512 kernels (Intel CPUs, or AMD with
     * {@code ROSE_BENCH_MKL_AVX512=on}) do not. Measured once per thread count with {@link #PROBE_TEXTS}: alone, in
     * pairs and all three together. Where it fails, {@link #embed(List, int)} keeps the consecutive batches, so that
     * grouping never changes a number.
     */
    public boolean lengthGroupingExact() {
        return groupingExact.computeIfAbsent(ai.djl.pytorch.jni.JniUtils.getNumThreads(), t -> probeGrouping());
    }

    private boolean probeGrouping() {
        EncodedBatch all = tokenizer.encode(PROBE_TEXTS, null);
        int n = PROBE_TEXTS.size();
        float[][] alone = new float[n][];
        for (int r = 0; r < n; r++) {
            if (all.rowLength(r) < BATCH_INVARIANT_TOKENS) {
                throw new IllegalStateException("grouping probe text " + r + " has only " + all.rowLength(r)
                        + " tokens");
            }
            alone[r] = embed(all.rows(new int[] {r}))[0];
        }
        for (int[] rows : new int[][] {{0, 1}, {0, 2}, {1, 2}, {0, 1, 2}}) {
            float[][] together = embed(all.rows(rows));
            for (int k = 0; k < rows.length; k++) {
                if (!java.util.Arrays.equals(alone[rows[k]], together[k])) {
                    return false;
                }
            }
        }
        return true;
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
