package org.rosebench.attacks.goal;

/** TextAttack's goal-function result status. */
public enum GoalStatus {
    SUCCEEDED,
    SEARCHING,
    /** The original input already satisfies the goal (the model misclassifies it). */
    SKIPPED
}
