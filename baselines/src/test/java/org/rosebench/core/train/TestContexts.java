package org.rosebench.core.train;

import java.util.List;
import org.rosebench.core.data.Example;
import org.rosebench.core.model.SequenceClassifier;

/**
 * Test-only access to {@link TrainingContext}'s package-private constructor, so that baselines tests can call a
 * method's {@code prepare}/{@code forward}/{@code afterBackward} outside the trainer. Lives in the baselines test
 * tree (same package name as core's on the class path).
 */
public final class TestContexts {

    private TestContexts() {}

    /** A context at step 1 of epoch 1 of a one-epoch run. */
    public static TrainingContext of(SequenceClassifier model, TrainConfig config, List<Example> train) {
        long steps = (train.size() + config.batchSize() - 1) / config.batchSize();
        TrainingContext ctx = new TrainingContext(model, config, train, steps * config.epochs());
        ctx.advance(1, 1);
        return ctx;
    }
}
