package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** sentence-transformers pooling: mean over attended tokens, then L2 normalisation. */
public final class MeanPooling {

    private MeanPooling() {}

    public static NDArray pool(NDArray sequenceOutput, NDArray attentionMask, boolean normalize) {
        NDArray mask = attentionMask.toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray summed = sequenceOutput.mul(mask).sum(new int[] {1});
        NDArray counts = mask.sum(new int[] {1}).clip(1e-9f, Float.MAX_VALUE);
        NDArray mean = summed.div(counts);
        if (!normalize) {
            return mean;
        }
        // torch.nn.functional.normalize: x / max(||x||, 1e-12)
        NDArray norm = mean.norm(new int[] {1}, true).clip(1e-12f, Float.MAX_VALUE);
        return mean.div(norm);
    }
}
