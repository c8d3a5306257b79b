package org.rosebench.core.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two AdamW steps on a 3-element tensor against values worked out by hand in double precision
 * (w0 = [1, −2, 0.5], g1 = [0.1, −0.2, 0.3], g2 = [−0.05, 0.4, 0.1], lr 0.01, β (0.9, 0.98), ε 1e-6).
 */
class AdamWTest {

    private static final String ELIGIBLE = "roberta.encoder.layer.0.output.dense.weight";
    private static final float[] W0 = {1f, -2f, 0.5f};
    private static final float[] G1 = {0.1f, -0.2f, 0.3f};
    private static final float[] G2 = {-0.05f, 0.4f, 0.1f};
    private static final double LR = 0.01;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private float[][] run(AdamWConfig config, double wd, TensorMasks step2Masks) {
        Param p = new Param(ELIGIBLE, manager.create(W0), wd);
        try (AdamW adamW = new AdamW(config)) {
            assertNull(adamW.firstMoment(ELIGIBLE));
            assertEquals(0, adamW.stepCount(ELIGIBLE));
            adamW.step(List.of(p), List.of(manager.create(G1)), LR, TensorMasks.none());
            float[] w1 = p.value().toFloatArray();
            adamW.step(List.of(p), Map.of(ELIGIBLE, manager.create(G2)), LR, step2Masks);
            assertEquals(2, adamW.stepCount(ELIGIBLE));
            return new float[][] {w1, p.value().toFloatArray(), adamW.firstMoment(ELIGIBLE).toFloatArray(),
                    adamW.secondMoment(ELIGIBLE).toFloatArray()};
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]), "index " + i);
        }
    }

    @Test
    void plainAdamWWithoutWeightDecay() {
        float[][] r = run(AdamWConfig.rose(), 0.0, TensorMasks.none());
        assertClose(new double[] {0.990000707, -1.99000035, 0.490000236}, r[0]);
        assertClose(new double[] {0.9873298, -1.99365083, 0.481256135}, r[1]);
        assertClose(new double[] {0.004, 0.022, 0.037}, r[2]);
        assertClose(new double[] {0.000246, 0.003984, 0.001964}, r[3]);
    }

    @Test
    void plainAdamWWithDecoupledWeightDecay() {
        float[][] r = run(AdamWConfig.rose(), 0.01, TensorMasks.none());
        assertClose(new double[] {0.989901707, -1.98980135, 0.489951236}, r[0]);
        assertClose(new double[] {0.987132077, -1.99325249, 0.481159014}, r[1]);
    }

    @Test
    void withoutBiasCorrection() {
        float[][] r = run(AdamWConfig.rose().withCorrectBias(false), 0.0, TensorMasks.none());
        assertClose(new double[] {0.990379288, -1.99641461, 0.484580354}, r[1]);
    }

    @Test
    void zeroMaskFreezesTensorAndKeepsFirstMoment() {
        float[][] r = run(AdamWConfig.rose(), 0.01, TensorMasks.of(Map.of(ELIGIBLE, 0f)));
        assertArrayEquals(r[0], r[1], "no update and no decay under M = 0");
        assertClose(new double[] {0.01, -0.02, 0.03}, r[2]);
        assertClose(new double[] {0.000198, 0.000792, 0.001782}, r[3]);
    }

    @Test
    void fractionalMaskScalesUpdateAndDecay() {
        float[][] r = run(AdamWConfig.rose(), 0.01, TensorMasks.of(Map.of(ELIGIBLE, 0.5f)));
        assertClose(new double[] {0.987285986, -1.9898368, 0.485846671}, r[1]);
        assertClose(new double[] {0.007, 0.001, 0.0335}, r[2]);
        assertClose(new double[] {0.000204, 0.001506, 0.0018485}, r[3]);
    }

    @Test
    void maskIgnoredDuringWarmup() {
        float[][] r = run(AdamWConfig.rose().withMaskWarmupSteps(2), 0.01, TensorMasks.of(Map.of(ELIGIBLE, 0f)));
        assertClose(new double[] {0.987132077, -1.99325249, 0.481159014}, r[1]);
    }

    @Test
    void maskIgnoredForIneligibleTensor() {
        Param bias = new Param("roberta.encoder.layer.0.output.dense.bias", manager.create(W0), 0.0);
        try (AdamW adamW = new AdamW(AdamWConfig.rose())) {
            TensorMasks masks = TensorMasks.of(Map.of());
            adamW.step(List.of(bias), List.of(manager.create(G1)), LR, masks);
            adamW.step(List.of(bias), List.of(manager.create(G2)), LR, masks);
        }
        assertClose(new double[] {0.9873298, -1.99365083, 0.481256135}, bias.value().toFloatArray());
    }

    @Test
    void updatesLeafThatRequiresGradEvenInsideGradientCollector() {
        NDArray w = manager.create(W0);
        w.setRequiresGradient(true);
        Param p = new Param(ELIGIBLE, w, 0.0);
        try (AdamW adamW = new AdamW(AdamWConfig.rose());
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(w.mul(w).sum());
            adamW.step(List.of(p), LR, TensorMasks.none()); // uses w.getGradient() = 2w
            assertEquals(true, JniUtils.isGradMode(), "grad mode restored");
        }
        assertFalse(JniUtils.isGradMode());
        assertClose(new double[] {0.990000035, -1.990000018, 0.490000071}, w.toFloatArray());
    }
}
