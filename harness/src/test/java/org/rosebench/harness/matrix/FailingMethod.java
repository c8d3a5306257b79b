package org.rosebench.harness.matrix;

import java.util.List;
import java.util.Map;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/** A method (registered for tests only) whose first step throws what its {@code error} parameter names. */
public final class FailingMethod implements FineTuningMethod {

    public static final class Provider implements MethodProvider {
        @Override
        public String name() {
            return "test-failing";
        }

        @Override
        public String description() {
            return "tests only: the first step throws";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of(ParamSpec.choice("error", "oom", "what to throw", "oom", "runtime"));
        }

        @Override
        public FineTuningMethod create(MethodParams params) {
            return new FailingMethod(params);
        }
    }

    private final MethodParams params;

    FailingMethod(MethodParams params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "test-failing";
    }

    @Override
    public Map<String, String> parameters() {
        return params.asMap();
    }

    @Override
    public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
        if ("oom".equals(params.asMap().get("error"))) {
            throw new OutOfMemoryError("Java heap space (thrown by the test method)");
        }
        throw new IllegalStateException("thrown by the test method");
    }
}
