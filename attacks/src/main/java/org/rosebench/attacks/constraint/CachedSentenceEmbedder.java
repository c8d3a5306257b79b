package org.rosebench.attacks.constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.util.LruMap;

/**
 * Keeps the vectors of the last {@code capacity} texts a {@link SentenceEmbedder} returned during one example, so
 * that a window text seen in an earlier search step (the current text's reference window, windows that clamp to the same span in short
 * texts, the whole original text of BERT-Attack) is not embedded again. Each call sends the texts it has not seen,
 * once each and in order, to the delegate in one call.
 *
 * <p>Exact when a text's vector depends on that text alone (see {@link SentenceEmbedder}): for MiniLM, texts of at
 * least 16 tokens, so every window of TextFooler's default 15 words. With a window of a few words, a cached vector
 * can differ in the last bits from what the text would get batched with other texts. One instance per attack (not
 * thread-safe, like the attack).
 */
public final class CachedSentenceEmbedder implements SentenceEmbedder {

    /** Texts kept by the recipes: 384 floats each for MiniLM, so about 6 MB. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final SentenceEmbedder delegate;
    private final Map<String, float[]> cache;

    public CachedSentenceEmbedder(SentenceEmbedder delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive: " + capacity);
        }
        this.delegate = delegate;
        this.cache = new LruMap<>(capacity);
    }

    public CachedSentenceEmbedder(SentenceEmbedder delegate) {
        this(delegate, DEFAULT_CAPACITY);
    }

    /**
     * Forgets every vector. The attack calls it before each example, so the vectors an example reuses are the ones
     * its own earlier steps embedded: with kernels whose numbers depend on the batch, a vector embedded with an
     * earlier example's windows could differ in the last bits, and a resumed attack (which starts an example with
     * nothing cached) would then differ from an uninterrupted one.
     */
    @Override
    public void startExample() {
        cache.clear();
    }

    @Override
    public float[][] embed(List<String> texts) {
        Map<String, float[]> found = new LinkedHashMap<>();
        for (String t : texts) {
            if (!found.containsKey(t)) {
                found.put(t, cache.get(t)); // null: still to embed
            }
        }
        List<String> missing = new ArrayList<>();
        found.forEach((t, v) -> {
            if (v == null) {
                missing.add(t);
            }
        });
        if (!missing.isEmpty()) {
            float[][] vectors = delegate.embed(missing);
            if (vectors.length != missing.size()) {
                throw new IllegalStateException("embedder returned " + vectors.length + " vectors for "
                        + missing.size() + " texts");
            }
            for (int k = 0; k < missing.size(); k++) {
                found.put(missing.get(k), vectors[k]);
                cache.put(missing.get(k), vectors[k]);
            }
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = found.get(texts.get(i));
        }
        return out;
    }
}
