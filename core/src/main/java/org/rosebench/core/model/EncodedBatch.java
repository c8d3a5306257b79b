package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Token ids of a dynamically padded batch (row-major {@code [batch, length]}), with the attention mask and
 * token-type ids; the NDArrays are created on demand in the caller's manager.
 */
public record EncodedBatch(int batchSize, int length, long[] inputIds, long[] typeIds, long[] attentionMask) {

    public NDArray inputIds(NDManager m) {
        return m.create(inputIds, new Shape(batchSize, length));
    }

    public NDArray typeIds(NDManager m) {
        return m.create(typeIds, new Shape(batchSize, length));
    }

    public NDArray attentionMask(NDManager m) {
        return m.create(attentionMask, new Shape(batchSize, length));
    }
}
