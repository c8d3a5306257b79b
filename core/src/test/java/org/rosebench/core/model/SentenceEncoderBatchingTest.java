package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rosebench.core.catalog.ModelCatalog;

/**
 * {@link SentenceEncoder#embed(List, int)} against the batching it replaced (consecutive texts padded to the longest
 * of their batch) and against each text embedded alone, bit for bit, on one and on two CPU threads: where the
 * kernels keep a row's bits in any batch (MKL's AVX2 GEMM), texts of at least
 * {@link SentenceEncoder#BATCH_INVARIANT_TOKENS} tokens are grouped by length and must not notice; where they do not
 * (MKL's AVX-512 GEMM: Intel CPUs, AMD with the shim), the probe must say so and the former batches are kept; calls
 * with a shorter text keep the former batches everywhere.
 */
@Tag("slow")
class SentenceEncoderBatchingTest {

    private static final String LONG_A = "the acting , costumes , music , cinematography and sound are all astounding"
            + " given the production 's austere locales .";
    private static final String LONG_B = "this is one of those rare films that manages to be funny and sad at the"
            + " same time without ever feeling forced or false , and the cast is uniformly excellent .";
    private static final String WINDOW = "it 's a charming and often affecting journey through the lives of people";

    private static SentenceEncoder enc;
    private static int threads;

    @BeforeAll
    static void load() {
        Engine.getEngine("PyTorch"); // loads the native library
        threads = JniUtils.getNumThreads();
        enc = SentenceEncoder.load(ModelCatalog.resolve("minilm-l6"), 512);
    }

    @AfterAll
    static void close() {
        JniUtils.setNumThreads(threads);
        enc.close();
    }

    /** TextFooler-like windows: one word swapped (changing the token count or not), duplicates, several lengths. */
    private static List<String> longTexts() {
        List<String> out = new ArrayList<>(List.of(LONG_A, LONG_B, WINDOW, "a b c d e f g h i j k l m n"));
        for (String w : List.of("good", "extraordinarily", "a")) {
            out.add(WINDOW.replace("charming", w));
            out.add(LONG_A.replace("astounding", w));
        }
        out.add(WINDOW);
        out.add(LONG_B);
        return out;
    }

    @Test
    void longTextsAreGroupedWithoutChangingABit() {
        List<String> texts = longTexts();
        TreeSet<Integer> lengths = new TreeSet<>();
        for (String t : texts) {
            lengths.add(enc.tokenizer().encode(t, null).length());
        }
        assertEquals(SentenceEncoder.BATCH_INVARIANT_TOKENS, lengths.first(), "the shortest text sits at the bound");
        assertTrue(lengths.size() >= 5, "want several token lengths, got " + lengths);
        for (int n : new int[] {1, 2}) {
            JniUtils.setNumThreads(n);
            float[][] grouped = enc.embed(texts, 64);
            float[][] groupedSmall = enc.embed(texts, 3);
            boolean exact = enc.lengthGroupingExact();
            System.out.printf("sentence encoder on %d thread(s): grouping by length is %s%n", n,
                    exact ? "exact (rows keep their bits in any batch)" : "not exact: consecutive batches kept");
            if (exact) {
                for (int i = 0; i < texts.size(); i++) {
                    float[] alone = enc.embed(enc.tokenizer().encode(List.of(texts.get(i)), null))[0];
                    String what = "text " + i + " on " + n + " thread(s)";
                    assertArrayEquals(alone, grouped[i], what + ": grouped in passes of up to 64 vs alone");
                    assertArrayEquals(alone, groupedSmall[i], what + ": grouped in passes of up to 3 vs alone");
                }
                assertSameAsConsecutiveBatches(texts, grouped, 4, n);
            } else {
                // the probe's verdict, checked independently: some probe text changes its bits in a batch
                assertTrue(rowChangesInABatch(SentenceEncoder.PROBE_TEXTS), "the probe said not exact, but every "
                        + "probe text kept its bits in every batch on " + n + " thread(s)");
                assertSameAsConsecutiveBatches(texts, groupedSmall, 3, n);
            }
            assertSameAsConsecutiveBatches(texts, grouped, 64, n);
        }
    }

    /** Whether a text of {@code texts} embeds to other bits alone than in some batch with the others. */
    private static boolean rowChangesInABatch(List<String> texts) {
        float[][] together = enc.embed(enc.tokenizer().encode(texts, null));
        for (int r = 0; r < texts.size(); r++) {
            for (int other = 0; other < texts.size(); other++) {
                List<String> pair = other == r ? List.of(texts.get(r)) : List.of(texts.get(r), texts.get(other));
                float[] inPair = enc.embed(enc.tokenizer().encode(pair, null))[0];
                float[] alone = enc.embed(enc.tokenizer().encode(List.of(texts.get(r)), null))[0];
                if (!java.util.Arrays.equals(alone, inPair) || !java.util.Arrays.equals(alone, together[r])) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void callsWithShortTextsKeepTheFormerBatches() {
        List<String> texts = new ArrayList<>(longTexts());
        texts.addAll(3, List.of("unflinchingly bleak and desperate", "Hi", ""));
        for (int n : new int[] {1, 2}) {
            JniUtils.setNumThreads(n);
            assertSameAsConsecutiveBatches(texts, enc.embed(texts, 64), 64, n);
            assertSameAsConsecutiveBatches(texts, enc.embed(texts, 4), 4, n);
        }
    }

    /** {@code actual} against the former batching: consecutive texts, tokenised per batch, padded to its longest. */
    private static void assertSameAsConsecutiveBatches(List<String> texts, float[][] actual, int batch,
            int threadCount) {
        for (int start = 0; start < texts.size(); start += batch) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + batch));
            float[][] padded = enc.embed(enc.tokenizer().encode(chunk, null));
            for (int k = 0; k < chunk.size(); k++) {
                assertArrayEquals(padded[k], actual[start + k], "text " + (start + k) + " on " + threadCount
                        + " thread(s): against consecutive batches of " + batch);
            }
        }
    }
}
