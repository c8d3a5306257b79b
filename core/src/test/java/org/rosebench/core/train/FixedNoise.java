package org.rosebench.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Deterministic stand-in for random embedding noise, for tests that compare batchings of the same examples. */
public final class FixedNoise {

    private FixedNoise() {}

    /** {@code 0.5 · sin(1.7·id + 0.3·t + 2.9·h)}: the same for an example whatever batch it is in (right padding). */
    public static NDArray of(NDManager m, NDArray inputIds, Shape shape) {
        long[] ids = inputIds.toLongArray();
        int b = (int) shape.get(0);
        int len = (int) shape.get(1);
        int h = (int) shape.get(2);
        float[] v = new float[b * len * h];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < len; t++) {
                for (int d = 0; d < h; d++) {
                    v[(i * len + t) * h + d] = (float) (0.5 * Math.sin(1.7 * ids[i * len + t] + 0.3 * t + 2.9 * d));
                }
            }
        }
        return m.create(v, shape);
    }
}
