package org.rosebench.baselines;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.train.Losses;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/** Plain fine-tuning: one training-mode pass, mean cross-entropy. The smallest example of a method. */
public final class Vanilla implements FineTuningMethod {

    /** Registers {@code vanilla} (see META-INF/services). */
    public static final class Provider implements MethodProvider {
        @Override
        public String name() {
            return "vanilla";
        }

        @Override
        public String description() {
            return "standard fine-tuning: mean cross-entropy of one dropout pass";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of();
        }

        @Override
        public FineTuningMethod create(MethodParams params) {
            return new Vanilla(params);
        }
    }

    private final MethodParams params;

    public Vanilla(MethodParams params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "vanilla";
    }

    @Override
    public Map<String, String> parameters() {
        return params.asMap();
    }

    @Override
    public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
        NDArray logits = ctx.model().logits(batch.inputs(), ctx.manager(), ctx.trainingDropouts());
        return StepOutput.single(Losses.crossEntropy(logits, batch.labels(ctx.manager())), logits);
    }
}
