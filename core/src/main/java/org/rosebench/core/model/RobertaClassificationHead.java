package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * HF {@code RobertaClassificationHead}, the head ROSE trains: {@code <s>} vector → dropout → dense → tanh →
 * dropout → out_proj. There is no pooler.
 */
public final class RobertaClassificationHead implements ClassificationHead {

    private final ModelConfig config;
    private final int numLabels;

    public RobertaClassificationHead(ModelConfig config, int numLabels) {
        this.config = config;
        this.numLabels = numLabels;
    }

    @Override
    public List<TensorSpec> tensorSpecs() {
        int h = config.hiddenSize();
        return List.of(
                TensorSpec.normal("classifier.dense.weight", h, h),
                TensorSpec.zeros("classifier.dense.bias", h),
                TensorSpec.normal("classifier.out_proj.weight", numLabels, h),
                TensorSpec.zeros("classifier.out_proj.bias", numLabels));
    }

    @Override
    public NDArray logits(Weights w, NDArray sequenceOutput, Dropouts d) {
        NDArray x = TransformerEncoder.dropout(TransformerEncoder.firstToken(sequenceOutput), d.hidden(), d);
        x = TransformerEncoder.linear(x, w, "classifier.dense").tanh();
        x = TransformerEncoder.dropout(x, d.hidden(), d);
        return TransformerEncoder.linear(x, w, "classifier.out_proj");
    }

    @Override
    public String hfArchitecture() {
        return "RobertaForSequenceClassification";
    }
}
