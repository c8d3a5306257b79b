package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.BadInputException;
import org.rosebench.core.tokenize.TextTokenizer;

/** Encoder + masked-LM head; the head must come from the checkpoint (it is never initialised at random). */
public final class MaskedLanguageModel extends EncoderModel {

    private final MaskedLmHead head;

    private MaskedLanguageModel(ModelConfig config, Weights w, TextTokenizer tok, MaskedLmHead head) {
        super(config, w, tok);
        this.head = head;
    }

    public static MaskedLanguageModel load(HfDirectory dir, int maxLength) {
        requireFits(dir, maxLength);
        ModelConfig config = dir.config();
        MaskedLmHead head = new MaskedLmHead(config, new TransformerEncoder(config));
        LoadedWeights loaded = loadWeights(dir, config, head.tensorSpecs(), 0L, false);
        Weights w = loaded.weights();
        if (!loaded.report().complete()) {
            w.close();
            throw new BadInputException(dir.weightsFile(), "checkpoint has no masked-LM head ("
                    + loaded.report().summary() + ")");
        }
        return new MaskedLanguageModel(config, w, TextTokenizer.load(dir.tokenizerJson(), maxLength,
                config.padTokenId()), head);
    }

    /** Vocabulary logits {@code [B, L, V]}. */
    public NDArray logits(EncodedBatch batch, NDManager m) {
        return head.logits(weights, sequenceOutput(batch, m, Dropouts.eval()));
    }

    /**
     * Vocabulary log-probabilities {@code [B, V]} at one position per row (e.g. each row's mask): the MLM head runs
     * only on those positions, so a batch of masked candidates costs one encoder pass plus B head projections.
     */
    public NDArray logProbsAt(EncodedBatch batch, int[] positions, NDManager m) {
        NDArray seq = sequenceOutput(batch, m, Dropouts.eval());
        long[] flat = new long[positions.length];
        for (int r = 0; r < positions.length; r++) {
            flat[r] = (long) r * batch.length() + positions[r];
        }
        NDArray picked = seq.reshape(-1, config.hiddenSize()).get(m.create(flat));
        return head.logits(weights, picked.expandDims(1)).squeeze(1).logSoftmax(-1);
    }

    /** Vocabulary log-probabilities {@code [L, V]} at every position of a single text (one pass, unmasked). */
    public NDArray logProbsAll(EncodedBatch single, NDManager m) {
        return logits(single, m).squeeze(0).logSoftmax(-1);
    }

    public record Prediction(String token, int id, float probability) {}

    /** Top-k fillers for every mask token in {@code text}, one list per mask, in text order. */
    public List<List<Prediction>> fillMask(String text, int topK) {
        String maskToken = config.modelType() == ModelType.BERT ? "[MASK]" : "<mask>";
        int maskId = tokenizer.tokenId(maskToken);
        EncodedBatch batch = tokenizer.encode(text, null);
        List<List<Prediction>> result = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray probs = logits(batch, manager()).softmax(-1);
            for (int pos = 0; pos < batch.length(); pos++) {
                if (batch.inputIds()[pos] != maskId) {
                    continue;
                }
                float[] p = probs.get(0, pos).toFloatArray();
                result.add(topK(p, topK));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("text has no " + maskToken + " token: " + text);
        }
        return result;
    }

    private List<Prediction> topK(float[] p, int k) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(p[b], p[a]));
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, idx.length); i++) {
            out.add(new Prediction(tokenizer.token(idx[i]), idx[i], p[idx[i]]));
        }
        return out;
    }
}
