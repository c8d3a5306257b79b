package org.rosebench.attacks.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.text.WordCase;

/**
 * Swaps a word with its nearest neighbours in a word-embedding space (TextAttack's
 * {@code WordSwapEmbedding}): the lookup is on the lower-cased word, the original word's case is restored
 * on each candidate, and an out-of-vocabulary word gets no candidates.
 */
public final class WordSwapEmbedding extends WordSwap {

    /** TextAttack's default number of candidates. */
    public static final int DEFAULT_MAX_CANDIDATES = 15;

    private final NeighbourIndex index;
    private final int maxCandidates;

    public WordSwapEmbedding(NeighbourIndex index, int maxCandidates) {
        this.index = index;
        this.maxCandidates = maxCandidates;
    }

    @Override
    protected List<String> replacementWords(String word) {
        List<String> out = new ArrayList<>();
        for (String neighbour : index.neighbours(word.toLowerCase(Locale.ROOT), maxCandidates)) {
            out.add(WordCase.recover(neighbour, word));
        }
        return out;
    }

    @Override
    public String describe() {
        return "word-swap-embedding (" + maxCandidates + " nearest neighbours, case restored)";
    }
}
