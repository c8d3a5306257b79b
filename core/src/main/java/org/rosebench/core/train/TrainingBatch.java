package org.rosebench.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.rosebench.core.model.EncodedBatch;

/** One training batch: the encoded inputs and the gold labels. */
public record TrainingBatch(EncodedBatch inputs, int[] labels) {

    public NDArray labels(NDManager m) {
        return m.create(labels);
    }

    public int size() {
        return labels.length;
    }
}
