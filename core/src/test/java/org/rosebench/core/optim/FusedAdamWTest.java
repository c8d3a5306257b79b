package org.rosebench.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fused AdamW kernel against the libtorch ops it replaces: the same parameters, gradients and masks through
 * {@link AdamW.Kernel#FUSED} and {@link AdamW.Kernel#OPS} must leave weights and both moments equal bit for bit.
 * Sizes cross the kernel's staging and chunk boundaries; values include zeros, signed zeros, subnormal and large
 * magnitudes; masks cover 1, fractions, 0 and the warm-up.
 */
class FusedAdamWTest {

    private static final long SEED = 20261204L;
    /** Sizes: tiny, odd, two chunks and one element, several chunks of a matrix (so both threads work), one. */
    /**
     * The last one has a middle 32 K-element chunk whose second moment stays +0: zero gradients (like the rows of
     * unseen tokens) and ones so small that their squares underflow, so m moves while v does not.
     */
    private static final long[][] SHAPES = {{2}, {3}, {2049}, {65_537}, {300, 250}, {1}, {768, 128}};
    private static final int UNSEEN_FROM = 32_768;
    private static final int UNSEEN_TO = 65_536;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void fusedKernelTakesContiguousCpuFloatTensorsOnly() {
        NDArray a = manager.zeros(new Shape(4, 3));
        assertTrue(FusedAdamW.supports(a, manager.ones(new Shape(4, 3))), "contiguous CPU float32");
        assertFalse(FusedAdamW.supports(a.transpose()), "a transposed view is not contiguous");
        assertFalse(FusedAdamW.supports(manager.zeros(new Shape(1))), "one element");
        assertFalse(FusedAdamW.supports(a, manager.zeros(new Shape(5))), "different sizes");
        assertFalse(FusedAdamW.supports(manager.zeros(new Shape(4, 3), ai.djl.ndarray.types.DataType.FLOAT64)));
    }

    @Test
    void unmaskedWithAndWithoutDecayIsBitIdentical() {
        compare(AdamWConfig.rose(), steps -> TensorMasks.none(), 4, false);
    }

    @Test
    void masksOfAllKindsAreBitIdentical() {
        // step 1 in warm-up (masks ignored), then fractional, frozen, unmasked and mixed per tensor
        AdamWConfig config = AdamWConfig.rose().withMaskWarmupSteps(1);
        compare(config, step -> switch (step) {
            case 1, 2 -> masks(0.3f, 0f, 1f, 0.7f);
            case 3 -> masks(0f, 0.5f, 0f, 1f);
            default -> masks(1f, 1f, 0.25f, 0f);
        }, 5, false);
    }

    @Test
    void withoutBiasCorrectionAndOtherHyperParametersIsBitIdentical() {
        AdamWConfig config = AdamWConfig.rose().withCorrectBias(false).withBetas(0.8, 0.999).withEps(1e-8);
        compare(config, step -> masks(0.6f, 1f, 0f, 0.1f), 3, false);
    }

    @Test
    void nonContiguousParameterFallsBackToTheOpsAndIsStillUpdated() {
        compare(AdamWConfig.rose(), step -> TensorMasks.none(), 2, true);
    }

    /** Mask values assigned to the eligible tensors in turn. */
    private TensorMasks masks(float... cycle) {
        Map<String, Float> values = new LinkedHashMap<>();
        for (int i = 0; i < SHAPES.length; i++) {
            values.put(name(i), cycle[i % cycle.length]);
        }
        return TensorMasks.of(values);
    }

    /** Tensor i is eligible (ROSE's rule); even ones are decayed. */
    private static String name(int i) {
        return "bert.encoder.layer." + i + ".output.dense.weight";
    }

    interface MaskPlan {
        TensorMasks at(int step);
    }

    private void compare(AdamWConfig config, MaskPlan plan, int steps, boolean transposedFirst) {
        Random random = new Random(SEED);
        List<Param> fusedParams = new ArrayList<>();
        List<Param> opsParams = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            float[] w = values(random, (int) new Shape(SHAPES[i]).size(), 0.5f);
            double wd = i % 2 == 0 ? 0.01 : 0.0;
            fusedParams.add(new Param(name(i), parameter(w, SHAPES[i], transposedFirst && i == 4), wd));
            opsParams.add(new Param(name(i), parameter(w, SHAPES[i], transposedFirst && i == 4), wd));
        }
        if (transposedFirst) {
            assertFalse(FusedAdamW.supports(fusedParams.get(4).value()), "the test needs a non-contiguous parameter");
        } else {
            assertTrue(FusedAdamW.supports(fusedParams.get(4).value()), "the test needs the fused path");
        }
        try (AdamW fused = new AdamW(config, AdamW.Kernel.FUSED); AdamW ops = new AdamW(config, AdamW.Kernel.OPS)) {
            for (int step = 1; step <= steps; step++) {
                List<NDArray> fusedGrads = new ArrayList<>();
                List<NDArray> opsGrads = new ArrayList<>();
                for (int i = 0; i < SHAPES.length; i++) {
                    float[] g = values(random, (int) new Shape(SHAPES[i]).size(), 1e-3f);
                    if (i == SHAPES.length - 1) {
                        for (int j = UNSEEN_FROM; j < UNSEEN_TO; j++) {
                            g[j] = j % 3 == 0 ? 0f : (float) (random.nextGaussian() * 1e-24);
                        }
                    }
                    fusedGrads.add(manager.create(g, new Shape(SHAPES[i])));
                    opsGrads.add(manager.create(g, new Shape(SHAPES[i])));
                }
                double lr = 2e-5 * step;
                TensorMasks masks = plan.at(step);
                fused.step(fusedParams, fusedGrads, lr, masks);
                ops.step(opsParams, opsGrads, lr, masks);
                for (int i = 0; i < SHAPES.length; i++) {
                    String where = "step " + step + ", " + name(i) + " (reproduce with seed " + SEED + ")";
                    assertSameBits(opsParams.get(i).value(), fusedParams.get(i).value(), "weights, " + where);
                    assertSameBits(ops.firstMoment(name(i)), fused.firstMoment(name(i)), "exp_avg, " + where);
                    assertSameBits(ops.secondMoment(name(i)), fused.secondMoment(name(i)), "exp_avg_sq, " + where);
                }
            }
            assertEquals(steps, fused.stepCount(name(0)));
        }
    }

    private NDArray parameter(float[] w, long[] shape, boolean transposed) {
        if (!transposed) {
            return manager.create(w, new Shape(shape));
        }
        return manager.create(w, new Shape(shape[1], shape[0])).transpose();
    }

    /**
     * Gaussian values of the given scale with special values mixed in: exact zeros of both signs, subnormals,
     * values whose square underflows, and large ones.
     */
    private static float[] values(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (random.nextInt(64)) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> Float.MIN_VALUE * (1 + random.nextInt(1000)) * (random.nextBoolean() ? 1 : -1);
                case 3 -> (float) (random.nextGaussian() * 1e-21);
                case 4 -> (float) (random.nextGaussian() * 1e4);
                default -> (float) (random.nextGaussian() * scale);
            };
        }
        return v;
    }

    private static void assertSameBits(NDArray expected, NDArray actual, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + ": index " + i + " ops " + e[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(e[i]))
                        + ") fused " + a[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(a[i])) + ")");
            }
        }
    }
}
