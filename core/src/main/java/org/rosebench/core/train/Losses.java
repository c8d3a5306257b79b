package org.rosebench.core.train;

import ai.djl.ndarray.NDArray;

/** Loss functions shared by the methods, written as torch computes them (log-softmax in float32). */
public final class Losses {

    private Losses() {}

    /** Mean cross-entropy over the batch; {@code labels} are int class ids {@code [B]}. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1));
        return logp.mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /** {@code KL(p‖q)} per row with {@code p = softmax(logitsP)}, summed over classes: {@code [B]}. */
    public static NDArray klDivergenceRows(NDArray logitsP, NDArray logitsQ) {
        NDArray logP = logitsP.logSoftmax(-1);
        NDArray logQ = logitsQ.logSoftmax(-1);
        return logP.exp().mul(logP.sub(logQ)).sum(new int[] {1});
    }
}
