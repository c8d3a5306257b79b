package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * A BERT/RoBERTa encoder written with DJL's functional operators, reading its tensors by HF name from
 * {@link Weights}. DJL's own transformer blocks are not BERT-compatible (see resources.md), hence this.
 *
 * <p>Two entry points: {@link #forward} from token ids, and {@link #forwardFromWordEmbeddings} from the output of
 * the word-embedding lookup, which R3F perturbs and gradient-based attacks differentiate.
 */
public final class TransformerEncoder {

    private final ModelConfig config;
    private final String prefix;
    private WordEmbeddingLeaves leaves;

    public TransformerEncoder(ModelConfig config) {
        this.config = config;
        this.prefix = config.modelType().prefix() + ".";
    }

    public ModelConfig config() {
        return config;
    }

    /** The tensors this encoder reads, in HF state-dict order (pooler excluded: it belongs to the BERT head). */
    public List<TensorSpec> tensorSpecs() {
        int h = config.hiddenSize();
        List<TensorSpec> specs = new ArrayList<>();
        String e = prefix + "embeddings.";
        specs.add(TensorSpec.normal(e + "word_embeddings.weight", config.vocabSize(), h));
        specs.add(TensorSpec.normal(e + "position_embeddings.weight", config.maxPositions(), h));
        specs.add(TensorSpec.normal(e + "token_type_embeddings.weight", config.typeVocabSize(), h));
        specs.add(TensorSpec.ones(e + "LayerNorm.weight", h));
        specs.add(TensorSpec.zeros(e + "LayerNorm.bias", h));
        for (int i = 0; i < config.numLayers(); i++) {
            String l = layerPrefix(i);
            for (String p : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                specs.add(TensorSpec.normal(l + p + ".weight", h, h));
                specs.add(TensorSpec.zeros(l + p + ".bias", h));
            }
            specs.add(TensorSpec.ones(l + "attention.output.LayerNorm.weight", h));
            specs.add(TensorSpec.zeros(l + "attention.output.LayerNorm.bias", h));
            specs.add(TensorSpec.normal(l + "intermediate.dense.weight", config.intermediateSize(), h));
            specs.add(TensorSpec.zeros(l + "intermediate.dense.bias", config.intermediateSize()));
            specs.add(TensorSpec.normal(l + "output.dense.weight", h, config.intermediateSize()));
            specs.add(TensorSpec.zeros(l + "output.dense.bias", h));
            specs.add(TensorSpec.ones(l + "output.LayerNorm.weight", h));
            specs.add(TensorSpec.zeros(l + "output.LayerNorm.bias", h));
        }
        return specs;
    }

    public String wordEmbeddingName() {
        return prefix + "embeddings.word_embeddings.weight";
    }

    /** Word-embedding lookup {@code [B, L, H]}: the tensor R3F adds noise to. */
    public NDArray embedWords(Weights w, NDArray inputIds) {
        NDArray table = w.get(wordEmbeddingName());
        return leaves != null ? leaves.lookup(table, inputIds)
                : Embedding.embedding(inputIds, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Until closed, word-embedding lookups return detached leaves; see {@link WordEmbeddingLeaves}. */
    public WordEmbeddingLeaves detachWordEmbeddings() {
        if (leaves != null) {
            throw new IllegalStateException("word embeddings are already detached");
        }
        leaves = new WordEmbeddingLeaves(this);
        return leaves;
    }

    void stopLeaves(WordEmbeddingLeaves l) {
        if (leaves == l) {
            leaves = null;
        }
    }

    /** Sequence output {@code [B, L, H]} from token ids. */
    public NDArray forward(Weights w, NDArray inputIds, NDArray typeIds, NDArray attentionMask, Dropouts d) {
        return forwardFromWordEmbeddings(w, embedWords(w, inputIds), inputIds, typeIds, attentionMask, d);
    }

    /**
     * Sequence output from word-embedding outputs. {@code inputIds} are still needed for RoBERTa's position ids,
     * which skip padding.
     */
    public NDArray forwardFromWordEmbeddings(Weights w, NDArray wordEmbeds, NDArray inputIds, NDArray typeIds,
            NDArray attentionMask, Dropouts d) {
        NDArray x = embeddings(w, wordEmbeds, inputIds, typeIds, attentionMask, d);
        NDArray additiveMask = additiveAttentionMask(attentionMask);
        for (int i = 0; i < config.numLayers(); i++) {
            x = layer(w, i, x, additiveMask, d);
        }
        return x;
    }

    private NDArray embeddings(Weights w, NDArray wordEmbeds, NDArray inputIds, NDArray typeIds, NDArray mask,
            Dropouts d) {
        String e = prefix + "embeddings.";
        NDArray positions = positionIds(inputIds);
        NDArray pos = Embedding.embedding(positions, w.get(e + "position_embeddings.weight"), SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray types = Embedding.embedding(typeIds, w.get(e + "token_type_embeddings.weight"), SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray x = wordEmbeds.add(pos).add(types);
        x = layerNorm(x, w.get(e + "LayerNorm.weight"), w.get(e + "LayerNorm.bias"));
        return dropout(x, d.hidden(), d);
    }

    /**
     * BERT: 0..L-1. RoBERTa ({@code create_position_ids_from_input_ids}): padding tokens get {@code pad}, the
     * others {@code pad + 1 + their index among non-padding tokens}.
     */
    NDArray positionIds(NDArray inputIds) {
        NDManager m = inputIds.getManager();
        long batch = inputIds.getShape().get(0);
        long len = inputIds.getShape().get(1);
        if (config.modelType() == ModelType.BERT) {
            return m.arange(0, (int) len, 1, DataType.INT64).reshape(1, len).repeat(0, batch);
        }
        NDArray notPad = inputIds.neq(config.padTokenId()).toType(DataType.INT64, false);
        return notPad.cumSum(1).mul(notPad).add(config.padTokenId());
    }

    /** HF's extended mask: 0 where attended, the most negative float where padded; shape {@code [B,1,1,L]}. */
    private NDArray additiveAttentionMask(NDArray attentionMask) {
        NDArray m = attentionMask.toType(DataType.FLOAT32, false);
        long b = m.getShape().get(0);
        long l = m.getShape().get(1);
        // no gradient flows into the mask, but keep every scalar libtorch-owned (see Scalars)
        return m.neg().add(Scalars.of(m, 1)).mul(Scalars.of(m, -Float.MAX_VALUE)).reshape(b, 1, 1, l);
    }

    private NDArray layer(Weights w, int i, NDArray x, NDArray additiveMask, Dropouts d) {
        String l = layerPrefix(i);
        long b = x.getShape().get(0);
        long len = x.getShape().get(1);
        int heads = config.numHeads();
        int hs = config.headSize();

        NDArray q = heads(linear(x, w, l + "attention.self.query"), b, len, heads, hs);
        NDArray k = heads(linear(x, w, l + "attention.self.key"), b, len, heads, hs);
        NDArray v = heads(linear(x, w, l + "attention.self.value"), b, len, heads, hs);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Scalars.of(q, Math.sqrt(hs))).add(additiveMask);
        NDArray probs = dropout(scores.softmax(-1), d.attention(), d);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, len, (long) heads * hs);

        NDArray attnOut = dropout(linear(context, w, l + "attention.output.dense"), d.hidden(), d);
        attnOut = layerNorm(attnOut.add(x), w.get(l + "attention.output.LayerNorm.weight"),
                w.get(l + "attention.output.LayerNorm.bias"));

        NDArray inter = activation(linear(attnOut, w, l + "intermediate.dense"));
        NDArray out = dropout(linear(inter, w, l + "output.dense"), d.hidden(), d);
        return layerNorm(out.add(attnOut), w.get(l + "output.LayerNorm.weight"), w.get(l + "output.LayerNorm.bias"));
    }

    private String layerPrefix(int i) {
        return prefix + "encoder.layer." + i + ".";
    }

    private static NDArray heads(NDArray x, long b, long len, int heads, int hs) {
        return x.reshape(b, len, heads, hs).transpose(0, 2, 1, 3);
    }

    static NDArray linear(NDArray x, Weights w, String module) {
        return Linear.linear(x, w.get(module + ".weight"), w.get(module + ".bias")).singletonOrThrow();
    }

    NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), gamma, beta, config.layerNormEps())
                .singletonOrThrow();
    }

    NDArray activation(NDArray x) {
        return switch (config.hiddenAct()) {
            case "relu" -> Activation.relu(x);
            case "gelu_new" -> geluTanh(x);
            default -> Activation.gelu(x); // torch's exact erf GELU, as HF "gelu"
        };
    }

    private static NDArray geluTanh(NDArray x) {
        NDArray inner = x.add(x.pow(Scalars.of(x, 3)).mul(Scalars.of(x, 0.044715))).mul(Scalars.of(x, Math.sqrt(2.0 / Math.PI)));
        return x.mul(Scalars.of(x, 0.5)).mul(inner.tanh().add(Scalars.of(x, 1)));
    }

    static NDArray dropout(NDArray x, float rate, Dropouts d) {
        if (!d.training() || rate <= 0f) {
            return x;
        }
        if (d.masks() == DropoutMasks.COUNTER) {
            return CounterDropout.apply(x, rate);
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }

    /** The first token's vector {@code [B, H]} ({@code [CLS]} / {@code <s>}). */
    public static NDArray firstToken(NDArray sequence) {
        return sequence.get(new NDIndex(":, 0, :"));
    }
}
