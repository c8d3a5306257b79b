package org.rosebench.attacks.spi;

import java.util.OptionalDouble;

/** Word-vector similarity for the word-embedding-distance constraint. */
@FunctionalInterface
public interface WordEmbeddingSpace {

    /** Cosine similarity of the two words' vectors, or empty when either word is out of vocabulary. */
    OptionalDouble cosine(String a, String b);
}
