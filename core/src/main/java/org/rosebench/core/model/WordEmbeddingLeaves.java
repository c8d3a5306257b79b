package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * While open, every word-embedding lookup of the encoder returns a detached leaf (the looked-up rows, requiring
 * grad) instead of a node above the vocab×H table. A probe backward (ROSE-First's KL) then stops at the leaves
 * instead of building a dense table gradient per pass that is zeroed unused; {@link #routeGradient} adds the
 * leaves' gradients to the table's gradient in one embedding backward, which is what the full graph would have
 * added (up to float summation order). DJL has no {@code autograd.grad(inputs=…)} to restrict a backward otherwise.
 */
public final class WordEmbeddingLeaves implements AutoCloseable {

    private final TransformerEncoder encoder;
    private final List<NDArray> ids = new ArrayList<>();
    private final List<NDArray> leaves = new ArrayList<>();
    private NDArray table;

    WordEmbeddingLeaves(TransformerEncoder encoder) {
        this.encoder = encoder;
    }

    NDArray lookup(NDArray table, NDArray inputIds) {
        this.table = table;
        NDArray leaf = Embedding.embedding(inputIds, table, SparseFormat.DENSE).singletonOrThrow().stopGradient();
        leaf.setRequiresGradient(true);
        ids.add(inputIds);
        leaves.add(leaf);
        return leaf;
    }

    /** Zeroes the leaves' gradients (after a probe backward, with the parameters' gradients). */
    public void zeroGradients() {
        for (NDArray leaf : leaves) {
            JniUtils.zeroGrad((PtNDArray) leaf);
        }
    }

    /** The table the leaves were looked up in (null before the first lookup); its gradient is untouched so far. */
    public NDArray table() {
        return table;
    }

    /**
     * After the training loss's backward and still inside the gradient collector:
     * {@code table.grad += embedding_backward(leaf gradients)}. Once the table has a dense gradient buffer, the
     * lookup is differentiated sparsely (COO rows added in place) instead of through a dense vocab×H temporary.
     */
    public void routeGradient() {
        if (leaves.isEmpty()) {
            return;
        }
        NDList grads = new NDList();
        leaves.forEach(l -> grads.add(l.getGradient().reshape(-1, l.getShape().get(l.getShape().dimension() - 1))));
        NDList flatIds = new NDList();
        ids.forEach(i -> flatIds.add(i.reshape(-1)));
        // the first backward would store a sparse gradient as the buffer itself, which AdamW cannot use
        SparseFormat format = JniUtils.getGradient((PtNDArray) table) == null ? SparseFormat.DENSE : SparseFormat.COO;
        NDArray rows = Embedding.embedding(NDArrays.concat(flatIds), table, format).singletonOrThrow();
        JniUtils.backward((PtNDArray) rows, (PtNDArray) NDArrays.concat(grads), false, false);
    }

    /** The encoder looks words up in the table again. */
    @Override
    public void close() {
        encoder.stopLeaves(this);
    }
}
