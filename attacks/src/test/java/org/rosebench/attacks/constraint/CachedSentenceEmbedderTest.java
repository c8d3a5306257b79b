package org.rosebench.attacks.constraint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CachedSentenceEmbedderTest {

    @Test
    void embedsEachNewTextOnceInOneCallAndAnswersInInputOrder() {
        RecordingEmbedder delegate = new RecordingEmbedder();
        CachedSentenceEmbedder cached = new CachedSentenceEmbedder(delegate, 8);
        float[][] first = cached.embed(List.of("bb", "a", "bb", "ccc"));
        assertEquals(List.of(List.of("bb", "a", "ccc")), delegate.calls);
        assertArrayEquals(new float[] {2, 'b'}, first[0]);
        assertArrayEquals(new float[] {1, 'a'}, first[1]);
        assertArrayEquals(new float[] {2, 'b'}, first[2]);
        assertArrayEquals(new float[] {3, 'c'}, first[3]);

        float[][] second = cached.embed(List.of("ccc", "dddd", "a"));
        assertEquals(List.of("dddd"), delegate.calls.get(1));
        assertArrayEquals(new float[] {3, 'c'}, second[0]);
        assertArrayEquals(new float[] {4, 'd'}, second[1]);
        assertArrayEquals(new float[] {1, 'a'}, second[2]);

        cached.embed(List.of("a", "ccc"));
        assertEquals(2, delegate.calls.size(), "everything cached: no call");
    }

    @Test
    void forgetsTheLeastRecentlyUsedTextPastItsCapacity() {
        RecordingEmbedder delegate = new RecordingEmbedder();
        CachedSentenceEmbedder cached = new CachedSentenceEmbedder(delegate, 2);
        cached.embed(List.of("a", "bb"));
        cached.embed(List.of("a"));          // a is now the most recent
        cached.embed(List.of("ccc"));        // evicts bb
        cached.embed(List.of("a", "bb"));
        assertEquals(List.of(List.of("a", "bb"), List.of("ccc"), List.of("bb")), delegate.calls);
        assertThrows(IllegalArgumentException.class, () -> new CachedSentenceEmbedder(delegate, 0));
    }

    @Test
    void startingAnExampleForgetsEveryVector() {
        RecordingEmbedder delegate = new RecordingEmbedder();
        CachedSentenceEmbedder cached = new CachedSentenceEmbedder(delegate, 8);
        SentenceEncoderSimilarity constraint = new SentenceEncoderSimilarity(cached, 0.5,
                SentenceEncoderSimilarity.Metric.ANGULAR, false, 15, true);
        cached.embed(List.of("a", "bb"));
        constraint.startExample(); // what the attack calls before each example
        cached.embed(List.of("bb", "a"));
        assertEquals(List.of(List.of("a", "bb"), List.of("bb", "a")), delegate.calls);
    }

    @Test
    void refusesAnEmbedderThatLosesTexts() {
        CachedSentenceEmbedder cached = new CachedSentenceEmbedder(texts -> new float[0][], 4);
        assertThrows(IllegalStateException.class, () -> cached.embed(List.of("a")));
    }
}
