package org.rosebench.attacks.spi;

/**
 * One masked-LM forward pass over an unmasked text (BERT-Attack mode). Positions index the model input,
 * special tokens included ({@code [CLS]} is position 0).
 */
public interface MlmPrediction {

    /** Number of positions the model saw (at most {@link MaskedLmScorer#maxLength()}). */
    int length();

    /** The top-K vocabulary ids at {@code position}, most probable first (K as requested). */
    int[] topIds(int position);

    /** log softmax over the whole vocabulary of token {@code tokenId} at {@code position}. */
    float logProb(int position, int tokenId);

    /** Vocabulary string of {@code tokenId}. */
    String token(int tokenId);
}
