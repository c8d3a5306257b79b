package org.rosebench.attacks.constraint;

import java.util.Locale;
import java.util.OptionalDouble;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.attacks.text.AttackedText;

/**
 * The swapped word must stay close to the word it replaces: cosine similarity of their vectors at least
 * {@code minCosSim}. Words are lower-cased unless {@code cased}; a pair with an out-of-vocabulary word
 * passes when {@code includeUnknownWords} (TextAttack's default) and fails otherwise.
 */
public final class WordEmbeddingDistance extends Constraint {

    private final WordEmbeddingSpace space;
    private final double minCosSim;
    private final boolean cased;
    private final boolean includeUnknownWords;

    public WordEmbeddingDistance(WordEmbeddingSpace space, double minCosSim, boolean cased,
            boolean includeUnknownWords, boolean compareAgainstOriginal) {
        super(compareAgainstOriginal);
        this.space = space;
        this.minCosSim = minCosSim;
        this.cased = cased;
        this.includeUnknownWords = includeUnknownWords;
    }

    /** TextAttack's defaults: uncased, unknown words pass, compared with the original. */
    public WordEmbeddingDistance(WordEmbeddingSpace space, double minCosSim) {
        this(space, minCosSim, false, true, true);
    }

    @Override
    protected boolean check(AttackedText candidate, AttackedText reference) {
        for (int i : candidate.newlyModifiedIndices()) {
            if (i >= reference.numWords() || i >= candidate.numWords()) {
                continue;
            }
            String ref = reference.wordAt(i);
            String swapped = candidate.wordAt(i);
            if (!cased) {
                ref = ref.toLowerCase(Locale.ROOT);
                swapped = swapped.toLowerCase(Locale.ROOT);
            }
            OptionalDouble cos = space.cosine(ref, swapped);
            if (cos.isEmpty()) {
                if (includeUnknownWords) {
                    continue;
                }
                return false;
            }
            if (cos.getAsDouble() < minCosSim) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "word-embedding-distance (cosine >= " + minCosSim + ", " + (cased ? "cased" : "uncased")
                + ", out-of-vocabulary " + (includeUnknownWords ? "passes" : "fails") + ", vs " + referenceName() + ")";
    }
}
