package org.rosebench.attacks;

/** The outcome of attacking one example. */
public enum AttackStatus {
    /** The perturbed text changes the prediction. */
    SUCCEEDED,
    /** The search ended without changing the prediction. */
    FAILED,
    /** The model already misclassifies the original; not attacked. */
    SKIPPED
}
