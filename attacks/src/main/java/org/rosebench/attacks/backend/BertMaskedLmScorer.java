package org.rosebench.attacks.backend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.MlmPrediction;
import org.rosebench.attacks.spi.RankedToken;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.MaskedLanguageModel;

/** bert-base-uncased's masked-LM head for BAE and BERT-Attack, batched (16 texts per pass, as TextAttack). */
public final class BertMaskedLmScorer implements MaskedLmScorer {

    /** Version of the predictions this computes; bump it when a change alters them (part of the cell keys). */
    public static final String VERSION = "1";

    private static final int BATCH = 16;

    private final MaskedLanguageModel mlm;
    private final int maskId;

    public BertMaskedLmScorer(MaskedLanguageModel mlm) {
        this.mlm = mlm;
        this.maskId = mlm.tokenizer().tokenId(maskToken());
    }

    @Override
    public String maskToken() {
        return "[MASK]";
    }

    @Override
    public int maxLength() {
        return mlm.tokenizer().maxLength();
    }

    @Override
    public List<List<RankedToken>> rankAtMask(List<String> maskedTexts, int pool) {
        int k = Math.min(pool, mlm.config().vocabSize());
        List<List<RankedToken>> out = new ArrayList<>(maskedTexts.size());
        for (int start = 0; start < maskedTexts.size(); start += BATCH) {
            List<String> chunk = maskedTexts.subList(start, Math.min(maskedTexts.size(), start + BATCH));
            EncodedBatch batch = mlm.tokenizer().encode(chunk, null);
            int[] positions = new int[chunk.size()];
            for (int r = 0; r < chunk.size(); r++) {
                positions[r] = firstMask(batch, r);
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                int[] safe = positions.clone();
                for (int r = 0; r < safe.length; r++) {
                    safe[r] = Math.max(0, safe[r]);
                }
                NDArray logProbs = mlm.logProbsAt(batch, safe, mlm.manager());
                NDList top = logProbs.topK(k, -1, true, true);
                float[] values = top.get(0).exp().toFloatArray();
                long[] ids = top.get(1).toLongArray();
                for (int r = 0; r < chunk.size(); r++) {
                    List<RankedToken> row = new ArrayList<>(k);
                    if (positions[r] >= 0) {
                        for (int j = 0; j < k; j++) {
                            int id = (int) ids[r * k + j];
                            row.add(new RankedToken(id, mlm.tokenizer().token(id), values[r * k + j]));
                        }
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Override
    public MlmPrediction predict(String text, int k) {
        EncodedBatch batch = mlm.tokenizer().encode(text, null);
        int len = batch.length();
        int vocab = mlm.config().vocabSize();
        float[] logProbs;
        int[][] top = new int[len][];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray lp = mlm.logProbsAll(batch, mlm.manager());
            logProbs = lp.toFloatArray();
            long[] ids = lp.topK(k, -1, true, true).get(1).toLongArray();
            for (int p = 0; p < len; p++) {
                top[p] = new int[k];
                for (int j = 0; j < k; j++) {
                    top[p][j] = (int) ids[p * k + j];
                }
            }
        }
        return new MlmPrediction() {
            @Override
            public int length() {
                return len;
            }

            @Override
            public int[] topIds(int position) {
                return top[position].clone();
            }

            @Override
            public float logProb(int position, int tokenId) {
                return logProbs[position * vocab + tokenId];
            }

            @Override
            public String token(int tokenId) {
                return mlm.tokenizer().token(tokenId);
            }
        };
    }

    @Override
    public int maskPosition(String maskedText) {
        return firstMask(mlm.tokenizer().encode(maskedText, null), 0);
    }

    @Override
    public int subTokenCount(String word) {
        return mlm.tokenizer().tokenize(word).size();
    }

    private int firstMask(EncodedBatch batch, int row) {
        for (int p = 0; p < batch.length(); p++) {
            if (batch.inputIds()[row * batch.length() + p] == maskId) {
                return p;
            }
        }
        return -1;
    }
}
