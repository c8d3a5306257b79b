package org.rosebench.core.method;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

/** A selector that hands every call to another one: tests extend it to watch or alter one call. */
public abstract class ForwardingSelector implements UpdateSelector {

    private final UpdateSelector delegate;

    protected ForwardingSelector(UpdateSelector delegate) {
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
    public int requiredPasses() {
        return delegate.requiredPasses();
    }

    @Override
    public boolean probes() {
        return delegate.probes();
    }

    @Override
    public void probe(StepOutput output, ProbeGradients gradients) {
        delegate.probe(output, gradients);
    }

    @Override
    public TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer) {
        return delegate.select(params, gradients, optimizer);
    }

    @Override
    public Map<String, Double> diagnostics() {
        return delegate.diagnostics();
    }

    @Override
    public MethodState state() {
        return delegate.state();
    }

    @Override
    public void restore(MethodState state) {
        delegate.restore(state);
    }
}
