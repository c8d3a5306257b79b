package org.rosebench.attacks.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.backend.EncoderSentenceEmbedder;
import org.rosebench.attacks.recipe.TextFoolerRecipe;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.model.SentenceEncoder;

/**
 * TextFooler's sentence-encoder constraint with its window cache ({@link CachedSentenceEmbedder}) and one batched
 * call per step gives, candidate by candidate, exactly the score and decision of the straightforward computation
 * (with MiniLM on kernels that change a row's last bits with the batch: the score to 1e-6 and the decision):
 * the two 15-word windows cut from the word lists, each embedded on its own, compared by angular similarity. Texts
 * go through short searches (the current text moves to an accepted candidate) with swaps at the first and last word
 * and in the middle, texts shorter than, equal to and just longer than the window, and duplicate candidates.
 */
class SentenceEncoderCachingTest {

    private static final int WINDOW = 15;

    private static final List<String> TEXTS = List.of(
            "a gorgeous witty and seductive movie",
            "the plot is nothing but boilerplate cliches from start to finish and the script is bad",
            "unflinchingly bleak and desperate the film never lets go of its grip on the viewer",
            "it is a charming and often affecting journey through the lives of people who never quite manage to find "
                    + "their way home",
            "this is one of those rare films that manages to be funny and sad at the same time without ever feeling "
                    + "forced or false and the cast is uniformly excellent from the leads down to the smallest part");

    /** Swaps tried at each step: synonyms, antonyms, a word split into several tokens, and one repeated. */
    private static final List<String> SWAPS = List.of("good", "bad", "terrible", "wonderful", "film",
            "extraordinarily", "good", "the", "not");

    /** A pure function of the text: the sum of one pseudo-random vector per word. */
    private static final class HashEmbedder implements SentenceEmbedder {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public float[][] embed(List<String> texts) {
            calls.add(List.copyOf(texts));
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                float[] v = new float[8];
                for (String w : texts.get(i).split(" ")) {
                    Random r = new Random(w.hashCode());
                    for (int k = 0; k < v.length; k++) {
                        v[k] += (float) r.nextGaussian();
                    }
                }
                out[i] = v;
            }
            return out;
        }
    }

    @Test
    void cachedStepsMatchTheStraightforwardComputation() {
        HashEmbedder embedder = new HashEmbedder();
        Outcome o = run(embedder, new HashEmbedder(), 0.9, TEXTS, SWAPS, 0);
        assertTrue(o.accepted > 0 && o.rejected > 0 && o.skipped > 0, o.toString());
        // the cache saved work, and no text was embedded twice
        int sent = embedder.calls.stream().mapToInt(List::size).sum();
        Set<String> distinct = new HashSet<>();
        embedder.calls.forEach(distinct::addAll);
        assertEquals(distinct.size(), sent, "a text was embedded twice");
        assertTrue(sent < o.windowsCompared, sent + " texts embedded for " + o.windowsCompared + " windows compared");
        assertTrue(o.cacheHitSteps > 0, "no step reused a window of an earlier step");
    }

    @Test
    @Tag("slow")
    void cachedStepsMatchTheStraightforwardComputationWithMiniLm() {
        try (SentenceEncoder encoder = SentenceEncoder.load(ModelCatalog.resolve("minilm-l6"), 512)) {
            // the straightforward side embeds one window per call: one forward pass without padding
            EncoderSentenceEmbedder embedder = new EncoderSentenceEmbedder(encoder, 64);
            // fewer texts and swaps than the fast test: every window is embedded alone, one forward pass each
            // bit for bit where the kernels keep a row's bits in any batch (MKL's AVX2 GEMM); MKL's AVX-512 kernels
            // change the last bits with the batch (SentenceEncoder#lengthGroupingExact), scores then agree to 1e-6
            double tolerance = encoder.lengthGroupingExact() ? 0 : 1e-6;
            Outcome o = run(embedder, embedder, TextFoolerRecipe.USE_THRESHOLD_DEFAULT, TEXTS.subList(0, 3),
                    List.of("good", "bad", "terrible", "extraordinarily", "good"), tolerance);
            System.out.println("MiniLM windows (score tolerance " + tolerance + "): " + o);
            assertTrue(o.accepted > 0 && o.rejected > 0 && o.skipped > 0, o.toString());
        }
    }

    private static final class Outcome {
        int accepted;
        int rejected;
        int skipped;
        int windowsCompared;
        int cacheHitSteps;

        @Override
        public String toString() {
            return accepted + " accepted, " + rejected + " rejected, " + skipped + " shorter than the window, "
                    + windowsCompared + " windows compared, " + cacheHitSteps + " steps reusing a window";
        }
    }

    /**
     * Runs short searches through the recipe's constraint, cached, on {@code embedder}, and checks every candidate
     * against {@link #expectedScore}, which embeds each window alone with {@code plain} (no cache, no batch).
     */
    private static Outcome run(SentenceEmbedder embedder, SentenceEmbedder plain, double threshold, List<String> texts,
            List<String> swaps, double tolerance) {
        SentenceEncoderSimilarity cached = TextFoolerRecipe.sentenceEncoder(new CachedSentenceEmbedder(embedder),
                threshold, WINDOW);
        Set<String> seen = new HashSet<>();
        Map<String, float[]> alone = new HashMap<>(); // each window embedded on its own, once
        Outcome o = new Outcome();
        for (String text : texts) {
            AttackedText current = AttackedText.of(text);
            int n = current.numWords();
            // first word, last word, middle, second, second to last: windows at both edges and clamped spans
            for (int index : new int[] {0, n - 1, n / 2, 1, n - 2}) {
                List<AttackedText> candidates = new ArrayList<>();
                for (String w : swaps) {
                    if (!w.equals(current.wordAt(index))) {
                        candidates.add(current.replaceWordAt(index, w));
                    }
                }
                List<AttackedText> kept = cached.filter(candidates, current);
                List<AttackedText> expectedKept = new ArrayList<>();
                Set<String> stepWindows = new HashSet<>();
                for (AttackedText c : candidates) {
                    double expected = expectedScore(w -> alone.computeIfAbsent(w, t -> plain.embed(List.of(t))[0]),
                            words(current), words(c), index, cached);
                    double actual = c.similarityScore().orElseThrow();
                    assertEquals(expected, actual, tolerance, "score of '" + c.text() + "' against '" + current.text()
                            + "'");
                    // within the tolerance of the threshold either decision is right
                    boolean keep = Math.abs(expected - threshold) <= tolerance ? kept.contains(c) : expected >= threshold;
                    if (keep) {
                        expectedKept.add(c);
                    }
                    if (n < WINDOW) {
                        o.skipped++;
                        continue;
                    }
                    o.windowsCompared += 2;
                    stepWindows.add(window(words(current), index));
                    stepWindows.add(window(words(c), index));
                    if (expected >= threshold) {
                        o.accepted++;
                    } else {
                        o.rejected++;
                    }
                }
                assertEquals(expectedKept, kept, "decisions at word " + index + " of '" + current.text() + "'");
                if (stepWindows.stream().anyMatch(seen::contains)) {
                    o.cacheHitSteps++;
                }
                seen.addAll(stepWindows);
                if (!kept.isEmpty()) {
                    current = kept.get(kept.size() - 1); // the search moves on from an accepted swap
                }
            }
        }
        return o;
    }

    private static List<String> words(AttackedText t) {
        return List.of(t.text().split(" "));
    }

    /** TextAttack's window: the {@code WINDOW} consecutive words centred on {@code index}, moved inside the text. */
    private static String window(List<String> words, int index) {
        int start = Math.max(0, Math.min(index - (WINDOW - 1) / 2, words.size() - WINDOW));
        return String.join(" ", words.subList(start, Math.min(words.size(), start + WINDOW)));
    }

    private static double expectedScore(Function<String, float[]> embedAlone, List<String> reference,
            List<String> candidate, int index, SentenceEncoderSimilarity constraint) {
        if (candidate.size() < WINDOW) {
            return 1.0; // skip_text_shorter_than_window
        }
        float[] a = embedAlone.apply(window(reference, index));
        float[] b = embedAlone.apply(window(candidate, index));
        assertEquals(SentenceEncoderSimilarity.Metric.ANGULAR, constraint.metric());
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        double cos = dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), 1e-8);
        return 1 - Math.acos(Math.max(-1, Math.min(1, cos))) / Math.PI;
    }
}
