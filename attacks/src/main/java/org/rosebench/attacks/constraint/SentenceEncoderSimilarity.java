package org.rosebench.attacks.constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.text.AttackedText;

/**
 * TextAttack's {@code SentenceEncoder} constraint (the Universal Sentence Encoder in TextFooler, BAE and
 * BERT-Attack), with any {@link SentenceEmbedder} behind it.
 *
 * <p>For each candidate, take the window of {@code windowSize} words centred on the candidate's modified
 * index, in the reference and in the candidate, embed both and compare them with the metric; the candidate
 * passes when the similarity is at least the threshold. Without a window (size {@code <= 0}) the window is
 * unbounded, i.e. the text from the first word to the end of the last word, exactly as TextAttack does.
 * With {@code skipTextShorterThanWindow}, a candidate with fewer words than the window gets similarity 1
 * and passes. Every candidate is given its similarity ({@link AttackedText#setSimilarityScore}), which the
 * greedy search uses to choose among successful candidates.
 *
 * <p>All windows of one step are embedded in a single call, duplicates removed; texts that skip the
 * comparison are not embedded at all (TextAttack embeds them and then overwrites the score with 1).
 */
public final class SentenceEncoderSimilarity extends Constraint {

    /** How two embeddings are compared. */
    public enum Metric {
        /** Cosine similarity. */
        COSINE,
        /** 1 − arccos(cos)/π. */
        ANGULAR
    }

    private final SentenceEmbedder embedder;
    private final double threshold;
    private final Metric metric;
    private final int windowSize;
    private final boolean skipTextShorterThanWindow;

    /**
     * @param windowSize words in the window around the modified index; {@code <= 0} for the whole text
     */
    public SentenceEncoderSimilarity(SentenceEmbedder embedder, double threshold, Metric metric,
            boolean compareAgainstOriginal, int windowSize, boolean skipTextShorterThanWindow) {
        super(compareAgainstOriginal);
        this.embedder = embedder;
        this.threshold = threshold;
        this.metric = metric;
        this.windowSize = windowSize;
        this.skipTextShorterThanWindow = skipTextShorterThanWindow;
    }

    @Override
    public void startExample() {
        embedder.startExample();
    }

    public double threshold() {
        return threshold;
    }

    public Metric metric() {
        return metric;
    }

    /** Words in the window around the modified index; {@code <= 0} for the whole text. */
    public int windowSize() {
        return windowSize;
    }

    /** Whether candidates with fewer words than the window pass with similarity 1. */
    public boolean skipsTextShorterThanWindow() {
        return skipTextShorterThanWindow;
    }

    @Override
    public List<AttackedText> filter(List<AttackedText> candidates, AttackedText reference) {
        Map<String, float[]> embeddings = new LinkedHashMap<>();
        List<String[]> pairs = new ArrayList<>(candidates.size());
        for (AttackedText c : candidates) {
            if (skips(c)) {
                pairs.add(null);
                continue;
            }
            int index = modifiedIndex(c);
            String[] pair = {reference.textWindowAroundIndex(index, windowSize), c.textWindowAroundIndex(index, windowSize)};
            embeddings.putIfAbsent(pair[0], null);
            embeddings.putIfAbsent(pair[1], null);
            pairs.add(pair);
        }
        if (!embeddings.isEmpty()) {
            List<String> texts = new ArrayList<>(embeddings.keySet());
            float[][] vectors = embedder.embed(texts);
            if (vectors.length != texts.size()) {
                throw new IllegalStateException("embedder returned " + vectors.length + " vectors for " + texts.size()
                        + " texts");
            }
            for (int k = 0; k < texts.size(); k++) {
                embeddings.put(texts.get(k), vectors[k]);
            }
        }
        List<AttackedText> kept = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            String[] pair = pairs.get(k);
            double score = pair == null ? 1.0 : similarity(embeddings.get(pair[0]), embeddings.get(pair[1]));
            candidates.get(k).setSimilarityScore(score);
            if (score >= threshold) {
                kept.add(candidates.get(k));
            }
        }
        return kept;
    }

    @Override
    protected boolean check(AttackedText candidate, AttackedText reference) {
        return !filter(List.of(candidate), reference).isEmpty();
    }

    private boolean skips(AttackedText candidate) {
        // An unbounded window is longer than any text, as TextAttack's float('inf') window is.
        return skipTextShorterThanWindow && (windowSize <= 0 || candidate.numWords() < windowSize);
    }

    private static int modifiedIndex(AttackedText candidate) {
        if (candidate.newlyModifiedIndices().isEmpty()) {
            throw new IllegalStateException("sentence-encoder constraint needs a modified index: " + candidate);
        }
        // TextAttack takes the first element of the set; word swaps modify exactly one index.
        return candidate.newlyModifiedIndices().first();
    }

    /** The metric between two embeddings. */
    public double similarity(float[] a, float[] b) {
        double cos = cosine(a, b);
        if (metric == Metric.ANGULAR) {
            // Clamp: rounding can push cos of near-identical vectors past 1, where acos is NaN.
            return 1 - Math.acos(Math.max(-1, Math.min(1, cos))) / Math.PI;
        }
        return cos;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        // torch's CosineSimilarity guards the denominator with eps = 1e-8.
        return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), 1e-8);
    }

    @Override
    public String describe() {
        return "sentence-encoder (" + metric.name().toLowerCase(Locale.ROOT) + " >= " + threshold + ", "
                + (windowSize > 0 ? "window " + windowSize + " words" : "whole text")
                + (skipTextShorterThanWindow ? ", shorter texts pass" : "") + ", vs " + referenceName() + ")";
    }
}
