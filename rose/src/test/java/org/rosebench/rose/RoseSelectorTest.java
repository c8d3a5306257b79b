package org.rosebench.rose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.rosebench.core.optim.AdamWConfig;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoseSelectorTest {

    /** Four eligible tensors with gradient norms 1..4, plus an ineligible bias. */
    private static List<Param> params(NDManager m) {
        List<Param> p = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            p.add(new Param("encoder.layer." + i + ".dense.weight", m.zeros(new Shape(2)), 0.01));
        }
        p.add(new Param("encoder.layer.0.dense.bias", m.zeros(new Shape(2)), 0.0));
        return p;
    }

    private static List<NDArray> grads(NDManager m, float scale) {
        List<NDArray> g = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            g.add(m.create(new float[] {i * scale, 0f}));
        }
        return g;
    }

    @Test
    void firstOrderFreezesLargestKlGradient() {
        try (NDManager m = NDManager.newBaseManager();
             RoseOptimizer opt = new RoseOptimizer(new RoseConfig(RoseVariant.FIRST, 70, 0, 0.5, 0), AdamWConfig.rose())) {
            List<Param> p = params(m);
            opt.observeKlGradients(p, grads(m, 1f));
            MaskStats stats = opt.step(p, grads(m, 1f), 1e-3);
            TensorMasks masks = opt.lastMasks();
            assertEquals(4, masks.asMap().size(), "only eligible tensors are masked");
            assertEquals(0f, masks.valueFor("encoder.layer.3.dense.weight")); // 4 > q(0.7) = 3.1
            assertEquals(1f, masks.valueFor("encoder.layer.2.dense.weight"));
            assertTrue(stats.applied());
            assertEquals(3, stats.fullyKept());
            assertEquals(0.25, stats.frozenFraction());
            assertArrayEqualsZero(p.get(3).value());
            assertThrows(IllegalStateException.class, () -> opt.step(p, grads(m, 1f), 1e-3), "needs a fresh KL probe");
        }
    }

    private static void assertArrayEqualsZero(NDArray a) {
        for (float v : a.toFloatArray()) {
            assertEquals(0f, v, "frozen tensor must not move");
        }
    }

    @Test
    void secondOrderKeepsAllOnFirstStepThenRanksByMomentum() {
        try (NDManager m = NDManager.newBaseManager();
             RoseOptimizer opt = new RoseOptimizer(RoseConfig.of(RoseVariant.SECOND, 60), AdamWConfig.rose())) {
            List<Param> p = params(m);
            MaskStats first = opt.step(p, grads(m, 1f), 1e-3);
            assertEquals(1, first.step());
            assertEquals(4, first.fullyKept(), "no optimiser state yet: all ones");
            assertEquals(1.0, first.meanMask());
            // m = 0.1·g1 has norms 0.1·(1..4); equal new gradients give saliency |1/i − 1| = 0, ½, ⅔, ¾
            List<NDArray> equal = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                equal.add(m.create(new float[] {1f, 0f}));
            }
            MaskStats second = opt.step(p, equal, 1e-3);
            assertEquals(2, second.step());
            assertEquals(2, second.fullyKept()); // floor(0.6·3)+1
            assertEquals(1f, opt.lastMasks().valueFor("encoder.layer.1.dense.weight"));
            assertEquals(0f, opt.lastMasks().valueFor("encoder.layer.3.dense.weight"), "smallest |g|/|m| frozen");
        }
    }

    @Test
    void vanillaNeverMasks() {
        try (NDManager m = NDManager.newBaseManager();
             RoseOptimizer opt = new RoseOptimizer(RoseConfig.vanilla(), AdamWConfig.rose())) {
            MaskStats stats = opt.step(params(m), grads(m, 1f), 1e-3);
            assertFalse(opt.lastMasks().isActive());
            assertFalse(stats.applied());
            assertThrows(IllegalStateException.class, () -> opt.observeKlGradients(params(m), grads(m, 1f)));
        }
    }

    @Test
    void masksComputedButNotAppliedDuringWarmup() {
        try (NDManager m = NDManager.newBaseManager();
             RoseOptimizer opt = new RoseOptimizer(new RoseConfig(RoseVariant.FIRST, 50, 0, 0.5, 1), AdamWConfig.rose())) {
            List<Param> p = params(m);
            opt.observeKlGradients(p, grads(m, 1f));
            MaskStats stats = opt.step(p, grads(m, 1f), 1e-3);
            assertFalse(stats.applied());
            assertEquals(0f, opt.lastMasks().valueFor("encoder.layer.3.dense.weight"));
            assertFalse(p.get(3).value().toFloatArray()[0] == 0f, "warm-up: the update is plain AdamW");
            assertNull(new RoseSelector(RoseConfig.vanilla()).lastStats());
        }
    }
}
