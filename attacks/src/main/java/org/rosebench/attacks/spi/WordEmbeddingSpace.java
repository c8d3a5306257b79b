package org.rosebench.attacks.spi;

import java.util.OptionalDouble;

/** Word-vector similarity for the word-embedding-distance constraint. */
@FunctionalInterface
public interface WordEmbeddingSpace {

    /** Cosine similarity of the two words' vectors, or empty when either word is out of vocabulary. */
    OptionalDouble cosine(String a, String b);

    /**
     * The word-cosine bound that makes TextFooler's {@code min_cos_sim = 0.5} filter in this space as it does in
     * TextFooler's own counter-fitted PARAGRAM-SL999 space, when the space was calibrated for it; empty for TextFooler's
     * own vectors and uncalibrated spaces (the recipe then uses 0.5).
     */
    default OptionalDouble calibratedMinCosSim() {
        return OptionalDouble.empty();
    }
}
