package org.rosebench.attacks.goal;

/** What the attack tries to achieve on one example, judged from the victim's class probabilities. */
public interface GoalFunction {

    /** Whether {@code probabilities} already satisfy the goal for an example with gold label {@code label}. */
    boolean isGoalComplete(float[] probabilities, int label);

    /** How close {@code probabilities} are to the goal; searches maximise it. */
    double score(float[] probabilities, int label);

    String describe();
}
