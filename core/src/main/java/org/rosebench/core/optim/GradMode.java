package org.rosebench.core.optim;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches libtorch autograd off for a block (the {@code torch.no_grad()} of PyTorch optimisers) and restores the
 * previous mode. In-place updates of a leaf that requires grad are rejected by PyTorch while grad mode is on
 * ("a leaf Variable that requires grad is being used in an in-place operation"); DJL turns grad mode on only
 * inside a GradientCollector, but an optimiser must not rely on being called outside one. The mode is
 * thread-local in libtorch, as is this guard.
 */
final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean previous) {
        this.previous = previous;
    }

    static GradMode disabled() {
        boolean previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
        return new GradMode(previous);
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
