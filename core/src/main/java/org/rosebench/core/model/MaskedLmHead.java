package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Masked-LM head: dense → activation → LayerNorm → decoder tied to the word embeddings, plus an output bias.
 * BERT names it {@code cls.predictions.*}, RoBERTa {@code lm_head.*}.
 */
public final class MaskedLmHead {

    private final ModelConfig config;
    private final TransformerEncoder encoder;
    private final String dense;
    private final String norm;
    private final String bias;

    public MaskedLmHead(ModelConfig config, TransformerEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
        if (config.modelType() == ModelType.BERT) {
            dense = "cls.predictions.transform.dense";
            norm = "cls.predictions.transform.LayerNorm";
            bias = "cls.predictions.bias";
        } else {
            dense = "lm_head.dense";
            norm = "lm_head.layer_norm";
            bias = "lm_head.bias";
        }
    }

    public List<TensorSpec> tensorSpecs() {
        int h = config.hiddenSize();
        return List.of(
                TensorSpec.normal(dense + ".weight", h, h),
                TensorSpec.zeros(dense + ".bias", h),
                TensorSpec.ones(norm + ".weight", h),
                TensorSpec.zeros(norm + ".bias", h),
                TensorSpec.zeros(bias, config.vocabSize()));
    }

    /** Vocabulary logits {@code [B, L, V]}. */
    public NDArray logits(Weights w, NDArray sequenceOutput) {
        NDArray x = encoder.activation(TransformerEncoder.linear(sequenceOutput, w, dense));
        x = encoder.layerNorm(x, w.get(norm + ".weight"), w.get(norm + ".bias"));
        NDArray decoder = w.get(encoder.wordEmbeddingName());
        return x.matMul(decoder.transpose()).add(w.get(bias));
    }
}
