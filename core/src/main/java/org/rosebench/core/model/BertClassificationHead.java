package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** HF {@code BertForSequenceClassification}: pooler (dense + tanh on [CLS]) → dropout → classifier. */
public final class BertClassificationHead implements ClassificationHead {

    private final ModelConfig config;
    private final int numLabels;

    public BertClassificationHead(ModelConfig config, int numLabels) {
        this.config = config;
        this.numLabels = numLabels;
    }

    @Override
    public List<TensorSpec> tensorSpecs() {
        int h = config.hiddenSize();
        return List.of(
                TensorSpec.normal("bert.pooler.dense.weight", h, h),
                TensorSpec.zeros("bert.pooler.dense.bias", h),
                TensorSpec.normal("classifier.weight", numLabels, h),
                TensorSpec.zeros("classifier.bias", numLabels));
    }

    @Override
    public NDArray logits(Weights w, NDArray sequenceOutput, Dropouts d) {
        NDArray pooled = TransformerEncoder.linear(TransformerEncoder.firstToken(sequenceOutput), w, "bert.pooler.dense")
                .tanh();
        pooled = TransformerEncoder.dropout(pooled, d.hidden(), d);
        return TransformerEncoder.linear(pooled, w, "classifier");
    }

    @Override
    public String hfArchitecture() {
        return "BertForSequenceClassification";
    }
}
