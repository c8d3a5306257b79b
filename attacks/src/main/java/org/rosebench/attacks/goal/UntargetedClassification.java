package org.rosebench.attacks.goal;

/**
 * TextAttack's untargeted classification goal: score {@code 1 - p(y_true)}, success when the argmax is not
 * the gold label, or, with a target maximum score, when {@code p(y_true)} drops below it (kuleshov uses 0.7).
 */
public final class UntargetedClassification implements GoalFunction {

    private final Double targetMaxScore;

    public UntargetedClassification() {
        this(null);
    }

    /** @param targetMaxScore succeed once {@code p(y_true) < targetMaxScore}; {@code null} for argmax. */
    public UntargetedClassification(Double targetMaxScore) {
        this.targetMaxScore = targetMaxScore;
    }

    @Override
    public boolean isGoalComplete(float[] probabilities, int label) {
        if (targetMaxScore != null) {
            return probabilities[label] < targetMaxScore;
        }
        return argmax(probabilities) != label;
    }

    @Override
    public double score(float[] probabilities, int label) {
        // Float arithmetic as in TextAttack (float32 tensors), so score ties break the same way.
        return 1f - probabilities[label];
    }

    /** First index of the maximum, like torch's argmax. */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String describe() {
        return "untargeted-classification" + (targetMaxScore != null ? " (target max score " + targetMaxScore + ")" : "");
    }
}
