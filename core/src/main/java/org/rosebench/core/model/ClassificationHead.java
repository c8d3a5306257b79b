package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Maps the encoder's sequence output to class logits {@code [B, numLabels]}. */
public interface ClassificationHead {

    List<TensorSpec> tensorSpecs();

    NDArray logits(Weights w, NDArray sequenceOutput, Dropouts d);

    /** HF {@code architectures} entry of a checkpoint with this head. */
    String hfArchitecture();

    static ClassificationHead forConfig(ModelConfig config, int numLabels) {
        return switch (config.modelType()) {
            case BERT -> new BertClassificationHead(config, numLabels);
            case ROBERTA -> new RobertaClassificationHead(config, numLabels);
        };
    }
}
