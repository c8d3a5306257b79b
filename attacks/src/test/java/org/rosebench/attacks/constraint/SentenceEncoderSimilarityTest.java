package org.rosebench.attacks.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.text.AttackedText;

class SentenceEncoderSimilarityTest {

    /** Embeds a text as (1, 0) unless it contains "bad" ((0, 1), orthogonal) or "ok" (45 degrees). */
    private static final class RecordingEmbedder implements SentenceEmbedder {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public float[][] embed(List<String> texts) {
            calls.add(texts);
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                out[i] = t.contains("bad") ? new float[] {0f, 1f}
                        : t.contains("ok") ? new float[] {0.70710677f, 0.70710677f} : new float[] {1f, 0f};
            }
            return out;
        }
    }

    private static AttackedText longText() {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            w.add("w" + i);
        }
        return AttackedText.of(String.join(" ", w));
    }

    @Test
    void windowsAroundTheSwapAreEmbeddedInOneCall() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        SentenceEncoderSimilarity c = new SentenceEncoderSimilarity(embedder, 0.6, SentenceEncoderSimilarity.Metric.COSINE,
                true, 15, true);
        AttackedText original = longText();
        AttackedText good = original.replaceWordAt(10, "fine");
        AttackedText bad = original.replaceWordAt(10, "bad");
        AttackedText ok = original.replaceWordAt(2, "ok");
        assertEquals(List.of(good, ok), c.filter(List.of(good, bad, ok), original));
        assertEquals(1, embedder.calls.size());
        // reference windows are shared: w3..w17 once, w0..w14 once, plus the three candidate windows
        assertEquals(5, embedder.calls.get(0).size());
        assertTrue(embedder.calls.get(0).contains("w3 w4 w5 w6 w7 w8 w9 fine w11 w12 w13 w14 w15 w16 w17"));
        assertEquals(1.0, good.similarityScore().getAsDouble(), 1e-9);
        assertEquals(0.0, bad.similarityScore().getAsDouble(), 1e-9);
        assertEquals(Math.sqrt(0.5), ok.similarityScore().getAsDouble(), 1e-6);
    }

    @Test
    void angularMetric() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        SentenceEncoderSimilarity c = new SentenceEncoderSimilarity(embedder, 0.7, SentenceEncoderSimilarity.Metric.ANGULAR,
                false, 15, true);
        AttackedText current = longText();
        AttackedText bad = current.replaceWordAt(10, "bad");
        AttackedText ok = current.replaceWordAt(10, "ok");
        // orthogonal: 1 - (pi/2)/pi = 0.5; 45 degrees: 1 - (pi/4)/pi = 0.75
        assertEquals(List.of(ok), c.filter(List.of(bad, ok), current));
        assertEquals(0.5, bad.similarityScore().getAsDouble(), 1e-6);
        assertEquals(0.75, ok.similarityScore().getAsDouble(), 1e-6);
    }

    @Test
    void textsShorterThanTheWindowPassWithoutEmbedding() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        SentenceEncoderSimilarity c = new SentenceEncoderSimilarity(embedder, 0.9, SentenceEncoderSimilarity.Metric.COSINE,
                true, 15, true);
        AttackedText original = AttackedText.of("a short good text");
        AttackedText bad = original.replaceWordAt(2, "bad");
        assertEquals(List.of(bad), c.filter(List.of(bad), original));
        assertEquals(1.0, bad.similarityScore().getAsDouble());
        assertEquals(0, embedder.calls.size());
    }

    @Test
    void withoutWindowTheWholeTextIsCompared() {
        RecordingEmbedder embedder = new RecordingEmbedder();
        SentenceEncoderSimilarity c = new SentenceEncoderSimilarity(embedder, 0.2, SentenceEncoderSimilarity.Metric.COSINE,
                true, 0, false);
        AttackedText original = AttackedText.of("A short, good text.");
        AttackedText bad = original.replaceWordAt(2, "bad");
        assertEquals(List.of(), c.filter(List.of(bad), original));
        // TextAttack's unbounded window runs from the first word to the end of the last word
        assertEquals(List.of(List.of("A short, good text", "A short, bad text")), embedder.calls);
    }
}
