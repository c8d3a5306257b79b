package org.rosebench.attacks.backend;

import java.util.List;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.core.model.SentenceEncoder;

/** MiniLM (mean-pooled, normalised) standing in for the Universal Sentence Encoder; batched. */
public final class EncoderSentenceEmbedder implements SentenceEmbedder {

    /** Version of the embeddings this computes; bump it when a change alters them (not for a refactor): it is part of the cell keys of the attacks that use a sentence encoder. */
    public static final String VERSION = "1";

    private final SentenceEncoder encoder;
    private final int batchSize;

    public EncoderSentenceEmbedder(SentenceEncoder encoder, int batchSize) {
        this.encoder = encoder;
        this.batchSize = batchSize;
    }

    @Override
    public float[][] embed(List<String> texts) {
        return encoder.embed(texts, batchSize);
    }
}
