package org.rosebench.attacks.spi;

import java.util.List;

/**
 * The model under attack, seen as a black box from texts to class scores.
 *
 * <p>The goal function already removes cached texts and splits what is left into chunks of the model batch
 * size (32 by default), so one call should be one batched forward pass: implementations should batch the
 * whole list (padding to the longest input and truncating to the tokenizer's maximum length, 512 for
 * RoBERTa, as TextAttack's HuggingFace wrapper does) rather than loop over single inputs.
 */
@FunctionalInterface
public interface Victim {

    /**
     * One row per input, one column per class. Rows may be probabilities or raw logits: a row whose sum is
     * not 1 (within 1e-6) is softmaxed by the goal function, as in TextAttack.
     */
    float[][] predict(List<TextInput> batch);
}
