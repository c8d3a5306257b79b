package org.rosebench.core.method;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/**
 * One fine-tuning method's share of a training step. The trainer owns everything else (batching, the gradient
 * collector, clipping, AdamW, the schedule, evaluation and checkpoints), so a method is only its objective plus
 * optional gradient surgery. Implementations are created by a {@link MethodProvider} from typed parameters.
 */
public interface FineTuningMethod {

    /** Registered name, e.g. {@code vanilla}. */
    String name();

    /** The parameters this instance was built with (for provenance). */
    Map<String, String> parameters();

    /** Called once before the first step (e.g. ChildTuning-D's Fisher pass). */
    default void prepare(TrainingContext ctx) {}

    /**
     * Forward pass(es) of one batch inside the trainer's gradient scope; returns the loss to back-propagate.
     * Every array created here is released by the trainer after the step.
     */
    StepOutput forward(TrainingContext ctx, TrainingBatch batch);

    /**
     * Gradient surgery after the backward pass and before global clipping (ChildTuning-D's mask, for instance).
     * With gradient accumulation the gradients are those of the whole batch (all micro-batches summed).
     */
    default void afterBackward(TrainingContext ctx, Map<String, NDArray> gradients) {}

    /**
     * Gradient surgery after global clipping and before the selector's masks and the AdamW update: where a
     * reference that modifies gradients inside its optimiser (after the trainer clipped them) does it, e.g.
     * ChildTuning-F's {@code Bernoulli(p)/p} mask. The trainer does not clip again afterwards.
     */
    default void afterClipping(TrainingContext ctx, Map<String, NDArray> gradients) {}

    /**
     * What this method keeps across steps that a resumed run needs (e.g. ChildTuning-D's Fisher mask, computed from
     * the weights before training and so not recomputable later). Called between steps when the trainer saves its
     * state. Most methods keep nothing: their randomness comes from the engine RNG, which the trainer re-seeds at
     * every step.
     */
    default MethodState state() {
        return MethodState.EMPTY;
    }

    /**
     * Called instead of {@link #prepare} when a run resumes, with what {@link #state()} returned when the state was
     * saved. The default runs {@link #prepare}: right for a method whose preparation does not depend on the
     * weights (a method whose preparation does must save its outcome in {@link #state()} and restore it here).
     */
    default void restore(TrainingContext ctx, MethodState state) {
        prepare(ctx);
    }
}
