package org.rosebench.attacks.constraint;

import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.text.AttackedText;

/**
 * Filters candidate texts. Each constraint compares a candidate either with the original text or with the
 * current text it was derived from ({@link #compareAgainstOriginal()}); the attack passes the matching
 * reference.
 */
public abstract class Constraint {

    private final boolean compareAgainstOriginal;

    protected Constraint(boolean compareAgainstOriginal) {
        this.compareAgainstOriginal = compareAgainstOriginal;
    }

    public final boolean compareAgainstOriginal() {
        return compareAgainstOriginal;
    }

    /** The candidates that satisfy the constraint, in input order. Override to batch work across candidates. */
    public List<AttackedText> filter(List<AttackedText> candidates, AttackedText reference) {
        List<AttackedText> kept = new ArrayList<>();
        for (AttackedText c : candidates) {
            if (check(c, reference)) {
                kept.add(c);
            }
        }
        return kept;
    }

    protected abstract boolean check(AttackedText candidate, AttackedText reference);

    /**
     * Called by the attack before each example. A constraint that keeps state between calls (a cache) drops what
     * earlier examples left, so an example's result never depends on which examples ran before it, and a resumed
     * attack gives what an uninterrupted one gives (as the per-example search seed does for randomness).
     */
    public void startExample() {}

    public abstract String describe();

    protected String referenceName() {
        return compareAgainstOriginal ? "original" : "current";
    }
}
