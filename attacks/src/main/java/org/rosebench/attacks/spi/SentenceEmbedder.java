package org.rosebench.attacks.spi;

import java.util.List;

/**
 * A sentence encoder standing in for TextAttack's Universal Sentence Encoder (rose-bench uses MiniLM, see docs/attacks.md §9).
 * The sentence-encoder constraint sends all windows of one search step in a single call.
 */
@FunctionalInterface
public interface SentenceEmbedder {

    /** One L2-normalised vector per text, in order (the constraint re-normalises defensively). */
    float[][] embed(List<String> texts);
}
