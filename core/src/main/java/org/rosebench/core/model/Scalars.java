package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands owned by libtorch. In DJL 0.36, {@code x.div(2f)} wraps the number in a tensor backed by a Java
 * buffer and closes it at once; autograd keeps a reference for the backward pass, and if the JVM collects the
 * buffer in between, gradients come out scaled by garbage (seen on attention weights about once in 400 steps).
 * Every scalar that takes part in a differentiated computation goes through here.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-d float32 tensor in {@code like}'s manager and device. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32);
    }
}
