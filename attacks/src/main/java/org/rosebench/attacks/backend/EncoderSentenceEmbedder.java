package org.rosebench.attacks.backend;

import java.util.List;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.core.model.SentenceEncoder;

/** MiniLM (mean-pooled, normalised) standing in for the Universal Sentence Encoder; batched. */
public final class EncoderSentenceEmbedder implements SentenceEmbedder {

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
