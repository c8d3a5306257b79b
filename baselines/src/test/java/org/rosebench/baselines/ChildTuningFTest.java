package org.rosebench.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosebench.core.Djl;

/** ChildTuning-F's per-step Bernoulli(p)/p gradient mask. */
class ChildTuningFTest {

    @Test
    void masksAreBernoulliOverP() {
        long seed = Fixtures.seed(17L);
        double p = 0.3;
        try (NDManager m = Djl.newManager()) {
            Djl.seed(seed);
            NDArray a = m.full(new Shape(200, 500), 2f, DataType.FLOAT32);
            NDArray b = m.full(new Shape(1000), -1f, DataType.FLOAT32);
            ChildTuningF.applyRandomMasks(java.util.Arrays.asList(a, null, b), p);
            float keptValue = (float) (2f * (1f / (float) p));
            long kept = 0;
            for (float x : a.toFloatArray()) {
                assertTrue(x == 0f || Math.abs(x - keptValue) <= 1e-6f * keptValue, "entry " + x);
                kept += x != 0f ? 1 : 0;
            }
            // 100 000 Bernoulli(0.3) draws: sd of the fraction ~ 0.0014
            assertEquals(p, kept / 100_000.0, 0.01, "kept fraction" + Fixtures.reproduce(seed));
            for (float x : b.toFloatArray()) {
                assertTrue(x == 0f || Math.abs(x + 1f / (float) p) <= 1e-6f, "entry " + x);
            }
        }
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.method("childtuning-f", Map.of("reserve_p", "0")));
        assertEquals(List.of("reserve_p", "clip_before_mask"),
                List.copyOf(Fixtures.method("childtuning-f", Map.of()).parameters().keySet()));
    }
}
