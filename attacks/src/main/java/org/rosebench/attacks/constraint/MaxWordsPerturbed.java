package org.rosebench.attacks.constraint;

import org.rosebench.attacks.text.AttackedText;

/**
 * Caps the number of words that differ from the reference, position by position over the shorter text.
 * With a percentage the cap is {@code ceil(min(len reference, len candidate) × maxPercent)}, computed in
 * double precision like TextAttack, so e.g. 0.4 × 15 words allows 6.
 */
public final class MaxWordsPerturbed extends Constraint {

    private final Integer maxNumWords;
    private final Double maxPercent;

    /**
     * @param maxNumWords absolute cap, or {@code null}
     * @param maxPercent  cap as a fraction of the shorter length (0.4 = 40%), or {@code null}
     */
    public MaxWordsPerturbed(Integer maxNumWords, Double maxPercent, boolean compareAgainstOriginal) {
        super(compareAgainstOriginal);
        if (maxNumWords == null && maxPercent == null) {
            throw new IllegalArgumentException("need a word count or a percentage");
        }
        this.maxNumWords = maxNumWords;
        this.maxPercent = maxPercent;
    }

    public static MaxWordsPerturbed percent(double maxPercent) {
        return new MaxWordsPerturbed(null, maxPercent, true);
    }

    /** The largest number of changed words allowed between texts of these lengths. */
    public int allowedWords(int referenceWords, int candidateWords) {
        int allowed = Integer.MAX_VALUE;
        if (maxNumWords != null) {
            allowed = maxNumWords;
        }
        if (maxPercent != null) {
            allowed = Math.min(allowed, (int) Math.ceil(Math.min(referenceWords, candidateWords) * maxPercent));
        }
        return allowed;
    }

    @Override
    protected boolean check(AttackedText candidate, AttackedText reference) {
        int changed = candidate.allWordsDiff(reference).size();
        return changed <= allowedWords(reference.numWords(), candidate.numWords());
    }

    @Override
    public String describe() {
        return "max-words-perturbed (" + (maxNumWords != null ? "max " + maxNumWords + " words" : "")
                + (maxNumWords != null && maxPercent != null ? ", " : "")
                + (maxPercent != null ? "max " + Math.round(maxPercent * 100) + "% of min(len) rounded up" : "")
                + ", vs " + referenceName() + ")";
    }
}
