package org.rosebench.core.method;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a method's forward returns: the training loss (scalar) and the logits of each training-mode pass it ran
 * (one for vanilla, two for R3F or R-Drop style objectives), which selection strategies such as ROSE-First probe.
 */
public record StepOutput(NDArray loss, List<NDArray> passLogits) {

    public static StepOutput single(NDArray loss, NDArray logits) {
        return new StepOutput(loss, List.of(logits));
    }
}
