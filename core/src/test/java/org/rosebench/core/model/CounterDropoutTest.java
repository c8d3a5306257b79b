package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rosebench.core.Djl;

/**
 * {@link CounterDropout} against {@link SplittableRandom} (the JDK's implementation of the same generator, read in
 * sequence) and hand-computed masks; its independence of the thread count; its gradient.
 */
class CounterDropoutTest {

    private static int threads;

    @BeforeAll
    static void engine() {
        Engine.getEngine("PyTorch");
        threads = JniUtils.getNumThreads();
    }

    @AfterAll
    static void restore() {
        JniUtils.setNumThreads(threads);
    }

    @Test
    void callKeysAreTheSeedsStreamOfSplittableRandom() {
        long seed = new Random().nextInt();
        CounterDropout.reseed(seed);
        SplittableRandom reference = new SplittableRandom(seed);
        for (int c = 0; c < 5; c++) {
            assertEquals(reference.nextLong(), CounterDropout.nextCallKey(), "call " + c + "; reproduce with seed " + seed);
        }
        CounterDropout.reseed(seed);
        assertEquals(new SplittableRandom(seed).nextLong(), CounterDropout.nextCallKey(), "reseed restarts the calls");
    }

    @Test
    void elementsAreTheLowAndHighHalvesOfTheKeysStream() {
        long key = 0x1234_5678_9abc_def0L;
        float rate = 0.3f;
        int size = 9; // odd: the last value's high half is unused
        float[] mask;
        try (NDManager m = Djl.newManager()) {
            mask = CounterDropout.mask(m, Device.cpu(), new Shape(3, 3), rate, key).toFloatArray();
        }
        long threshold = Math.round(0.3f * 4294967296.0);
        float scale = 1f / (1f - rate);
        SplittableRandom stream = new SplittableRandom(key);
        float[] expected = new float[size];
        for (int e = 0; e < size; e += 2) {
            long r = stream.nextLong();
            expected[e] = Long.compareUnsigned(r & 0xffffffffL, threshold) >= 0 ? scale : 0f;
            if (e + 1 < size) {
                expected[e + 1] = Long.compareUnsigned(r >>> 32, threshold) >= 0 ? scale : 0f;
            }
        }
        assertArrayEquals(expected, mask);
    }

    @Test
    void halfRateKeepsExactlyTheValuesWithTheTopBitSet() {
        // p = 0.5: threshold 2^31, so an element survives iff bit 31 of its half is set; scale 2
        long key = 42;
        float[] mask;
        try (NDManager m = Djl.newManager()) {
            mask = CounterDropout.mask(m, Device.cpu(), new Shape(64), 0.5f, key).toFloatArray();
        }
        SplittableRandom stream = new SplittableRandom(key);
        for (int e = 0; e < 64; e += 2) {
            long r = stream.nextLong();
            assertEquals((r & 0x8000_0000L) != 0 ? 2f : 0f, mask[e], "element " + e);
            assertEquals(r < 0 ? 2f : 0f, mask[e + 1], "element " + (e + 1));
        }
    }

    @Test
    void dropFractionIsTheRateAndValuesAreZeroOrScale() {
        int n = 1 << 21;
        float rate = 0.1f;
        float[] mask;
        try (NDManager m = Djl.newManager()) {
            mask = CounterDropout.mask(m, Device.cpu(), new Shape(n), rate, 7).toFloatArray();
        }
        float scale = 1f / 0.9f;
        long dropped = 0;
        for (float v : mask) {
            assertTrue(v == 0f || v == scale, "value " + v);
            dropped += v == 0f ? 1 : 0;
        }
        double sd = Math.sqrt(n * 0.1 * 0.9);
        assertEquals(n * 0.1, dropped, 5 * sd, "dropped " + dropped + " of " + n);
    }

    @Test
    void masksDoNotDependOnTheThreadCount() {
        Shape shape = new Shape(3, 5, 40_001); // several work items, odd size
        float[][] masks = new float[2][];
        try (NDManager m = Djl.newManager()) {
            for (int t = 1; t <= 2; t++) {
                JniUtils.setNumThreads(t);
                masks[t - 1] = CounterDropout.mask(m, Device.cpu(), shape, 0.1f, -99).toFloatArray();
            }
        } finally {
            JniUtils.setNumThreads(threads);
        }
        assertArrayEquals(masks[0], masks[1]);
    }

    @Test
    void eachCallDrawsAFreshMaskAndASeedReplaysThem() {
        try (NDManager m = Djl.newManager()) {
            NDArray ones = m.ones(new Shape(4, 256));
            Djl.seed(11);
            float[] a1 = CounterDropout.apply(ones, 0.2f).toFloatArray();
            float[] a2 = CounterDropout.apply(ones, 0.2f).toFloatArray();
            Djl.seed(11);
            float[] b1 = CounterDropout.apply(ones, 0.2f).toFloatArray();
            float[] b2 = CounterDropout.apply(ones, 0.2f).toFloatArray();
            Djl.seed(12);
            float[] c1 = CounterDropout.apply(ones, 0.2f).toFloatArray();
            assertArrayEquals(a1, b1);
            assertArrayEquals(a2, b2);
            assertFalse(Arrays.equals(a1, a2), "two calls of one seed share a mask");
            assertFalse(Arrays.equals(a1, c1), "two seeds share a mask");
        }
    }

    @Test
    void gradientIsTheMask() {
        try (NDManager m = Djl.newManager()) {
            NDArray x = m.create(new float[] {1f, -2f, 3f, 0.5f, 4f, -1f, 2f, 7f}, new Shape(2, 4));
            x.setRequiresGradient(true);
            Djl.seed(3);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = CounterDropout.apply(x, 0.5f);
                gc.backward(y.sum());
            }
            float[] xs = x.toFloatArray();
            float[] ys = y.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                float mask = ys[i] / xs[i];
                assertTrue(mask == 0f || mask == 2f, "mask " + mask);
                assertEquals(mask, grad[i], "d(x·mask)/dx at " + i);
            }
        }
    }

    @Test
    void trainingDropoutsRouteToTheChosenSource() {
        ModelConfig config = ModelConfig.of(RobertaPathTest.tinyConfigJson());
        try (NDManager m = Djl.newManager()) {
            NDArray ones = m.ones(new Shape(2, 128));
            Dropouts counter = Dropouts.train(config, DropoutMasks.COUNTER);
            Djl.seed(5);
            float[] viaEncoder = TransformerEncoder.dropout(ones, 0.1f, counter).toFloatArray();
            Djl.seed(5);
            float[] direct = CounterDropout.apply(ones, 0.1f).toFloatArray();
            assertArrayEquals(direct, viaEncoder);
            assertEquals(DropoutMasks.LIBTORCH, Dropouts.train(config).masks());
            assertArrayEquals(ones.toFloatArray(), TransformerEncoder.dropout(ones, 0.1f, Dropouts.eval()).toFloatArray());
        }
    }

    @Test
    void badRatesAndSourcesAreRefused() {
        try (NDManager m = Djl.newManager()) {
            NDArray x = m.ones(new Shape(2));
            assertThrows(IllegalArgumentException.class, () -> CounterDropout.apply(x, 1f));
            assertThrows(IllegalArgumentException.class, () -> CounterDropout.apply(x, 0f));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DropoutMasks.parse("philox"));
        assertTrue(e.getMessage().contains("libtorch, counter"), e.getMessage());
    }
}
