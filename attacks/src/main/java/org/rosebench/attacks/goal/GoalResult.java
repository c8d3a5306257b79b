package org.rosebench.attacks.goal;

import org.rosebench.attacks.text.AttackedText;

/**
 * The goal function's verdict on one text.
 *
 * @param text          the text that was evaluated
 * @param probabilities the victim's class probabilities (softmaxed if the victim gave logits)
 * @param status        succeeded, still searching, or skipped (initial text only)
 * @param score         the goal score the search maximises
 * @param numQueries    the example's query count right after this text's batch was evaluated: TextAttack
 *                      reports this value of the <em>returned</em> result as the attack's {@code num_queries}
 * @param label         the gold label
 */
public record GoalResult(AttackedText text, float[] probabilities, GoalStatus status, double score, int numQueries,
        int label) {

    public boolean succeeded() {
        return status == GoalStatus.SUCCEEDED;
    }

    public int predictedLabel() {
        return UntargetedClassification.argmax(probabilities);
    }

    /** Probability of the predicted class. */
    public float confidence() {
        return probabilities[predictedLabel()];
    }
}
