package org.rosebench.attacks.spi;

import java.util.List;

/** Nearest neighbours in a word-embedding space (TextAttack's precomputed neighbour matrix). */
@FunctionalInterface
public interface NeighbourIndex {

    /**
     * Up to {@code k} nearest neighbours of {@code lowercasedWord}, nearest first, the word itself excluded;
     * empty when the word is out of vocabulary.
     */
    List<String> neighbours(String lowercasedWord, int k);
}
