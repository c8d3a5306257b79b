package org.rosebench.attacks.spi;

import java.util.List;

/**
 * A sentence encoder standing in for TextAttack's Universal Sentence Encoder (rose-bench uses MiniLM, see docs/attacks.md §9).
 * The sentence-encoder constraint sends all windows of one search step in a single call.
 *
 * <p>TextFooler keeps vectors by text across the calls of one example ({@link
 * org.rosebench.attacks.constraint.CachedSentenceEmbedder}). That returns exactly what a fresh call would only when a
 * text's vector does not depend on the other texts of the call (batch without letting padding or batch composition
 * change the numbers). The MiniLM backend meets this for texts of at least {@code
 * SentenceEncoder.BATCH_INVARIANT_TOKENS} (16) tokens, which every window of 15 words or more is.
 */
@FunctionalInterface
public interface SentenceEmbedder {

    /** One L2-normalised vector per text, in order (the constraint re-normalises defensively). */
    float[][] embed(List<String> texts);

    /** A new example begins: an embedder that keeps vectors between calls forgets them (see the constraint's). */
    default void startExample() {}
}
