package org.rosebench.core.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientClippingTest {

    @Test
    void clipsToMaxNormAndReturnsTotal() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3f, 4f});
            NDArray b = m.create(new float[] {12f});
            float total = GradientClipping.clipGlobalNorm(Arrays.asList(a, null, b), 1f);
            assertEquals(13f, total, 1e-6f);
            float coef = 1f / (13f + 1e-6f);
            assertArrayEquals(new float[] {3f * coef, 4f * coef}, a.toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {12f * coef}, b.toFloatArray(), 1e-7f);
        }
    }

    @Test
    void leavesSmallGradientsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0.3f, 0.4f});
            assertEquals(0.5f, GradientClipping.clipGlobalNorm(List.of(a), 1f), 1e-7f);
            assertArrayEquals(new float[] {0.3f, 0.4f}, a.toFloatArray());
        }
    }

    @Test
    void scalesTheParametersStoredGradientInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {3f, 4f});
            w.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                c.backward(w.mul(w).sum().div(2f)); // gradient = w, norm 5
            }
            assertEquals(5f, GradientClipping.clipGlobalNorm(List.of(w.getGradient()), 1f), 1e-6f);
            assertArrayEquals(new float[] {0.6f, 0.8f}, w.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
