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

    /** Tokens of row {@code r} (special tokens included), i.e. its positions before the padding. */
    public int rowLength(int r) {
        int n = 0;
        for (int k = r * length; k < (r + 1) * length && attentionMask[k] != 0; k++) {
            n++;
        }
        return n;
    }

    /**
     * The given rows, in that order, padded only to the longest of them. Rows are right-padded, so cutting the
     * trailing positions drops only padding.
     */
    public EncodedBatch rows(int[] rows) {
        int len = 1;
        for (int r : rows) {
            len = Math.max(len, rowLength(r));
        }
        int b = rows.length;
        long[] ids = new long[b * len];
        long[] types = new long[b * len];
        long[] mask = new long[b * len];
        for (int k = 0; k < b; k++) {
            System.arraycopy(inputIds, rows[k] * length, ids, k * len, len);
            System.arraycopy(typeIds, rows[k] * length, types, k * len, len);
            System.arraycopy(attentionMask, rows[k] * length, mask, k * len, len);
        }
        return new EncodedBatch(b, len, ids, types, mask);
    }
}
