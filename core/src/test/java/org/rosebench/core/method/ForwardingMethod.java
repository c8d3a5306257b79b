package org.rosebench.core.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/** A method that hands every call to another one: tests extend it to watch or alter one call. */
public abstract class ForwardingMethod implements FineTuningMethod {

    private final FineTuningMethod delegate;

    protected ForwardingMethod(FineTuningMethod delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Map<String, String> parameters() {
        return delegate.parameters();
    }

    @Override
    public void prepare(TrainingContext ctx) {
        delegate.prepare(ctx);
    }

    @Override
    public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
        return delegate.forward(ctx, batch);
    }

    @Override
    public void afterBackward(TrainingContext ctx, Map<String, NDArray> gradients) {
        delegate.afterBackward(ctx, gradients);
    }

    @Override
    public void afterClipping(TrainingContext ctx, Map<String, NDArray> gradients) {
        delegate.afterClipping(ctx, gradients);
    }

    @Override
    public MethodState state() {
        return delegate.state();
    }

    @Override
    public void restore(TrainingContext ctx, MethodState state) {
        delegate.restore(ctx, state);
    }
}
