package org.rosebench.attacks.spi;

import java.util.List;

/**
 * A masked language model (bert-base-uncased for BAE and BERT-Attack), reduced to what the two masked-LM
 * word-swap modes need. Texts are passed as the attack sees them: pair inputs joined by a newline, as in
 * TextAttack, truncated to {@link #maxLength()} tokens.
 */
public interface MaskedLmScorer {

    /** The mask token as it is written in text, e.g. {@code [MASK]}. */
    String maskToken();

    /** Maximum number of input positions (512 for BERT), special tokens included. */
    int maxLength();

    /**
     * BAE mode: for each text, the {@code k} most probable vocabulary entries at its first mask token,
     * most probable first, with probabilities softmaxed over the whole vocabulary; the whole vocabulary when
     * {@code k} exceeds its size (so a shorter list means the ranking is complete). An empty list when the mask was
     * truncated away.
     */
    List<List<RankedToken>> rankAtMask(List<String> maskedTexts, int k);

    /** BERT-Attack mode: one pass over the unmasked {@code text}, keeping the top-{@code k} ids everywhere. */
    MlmPrediction predict(String text, int k);

    /** Position of the first mask token in the model input of {@code maskedText}, or -1 when truncated away. */
    int maskPosition(String maskedText);

    /** Number of sub-word tokens of {@code word} tokenised on its own, without special tokens. */
    int subTokenCount(String word);

    /** Whether a vocabulary string is a word continuation piece; WordPiece marks them with {@code ##}. */
    default boolean isSubwordPiece(String token) {
        return token.contains("##");
    }

    /** Removes sub-word markers (TextAttack's {@code strip_BPE_artifacts} for BERT). */
    default String stripSubwordMarker(String token) {
        return token.replace("##", "");
    }
}
