package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import java.util.List;

/** Per-tensor L2 norms computed on the device and fetched in one transfer (one JNI round trip, not one per tensor). */
final class Norms {

    private Norms() {}

    /** {@code torch.norm} of each array, bit-identical to reading them one by one; the caller owns the scope. */
    static float[] of(List<NDArray> arrays) {
        if (arrays.isEmpty()) {
            return new float[0];
        }
        NDList norms = new NDList(arrays.size());
        for (NDArray a : arrays) {
            norms.add(a.norm());
        }
        return NDArrays.stack(norms).toFloatArray();
    }
}
