package org.rosebench.rose;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantileTest {

    @Test
    void linearInterpolationLikeTorch() {
        float[] v = {4f, 1f, 3f, 2f};
        assertEquals(2.5f, Quantile.linear(v, 0.5)); // rank 1.5
        assertEquals(1f, Quantile.linear(v, 0.0));
        assertEquals(4f, Quantile.linear(v, 1.0));
        assertEquals(3.7f, Quantile.linear(v, 0.9), 1e-6f); // rank 2.7: 4 − (4−3)·0.3
    }

    @Test
    void levelIsFloat32OfPercentOverHundred() {
        assertEquals((float) 0.7, Quantile.level(70));
        assertEquals(0.699999988079071, Quantile.level(70), 0.0);
        // rank q·(n−1) is a float32 product: 0.7f·15 rounds to exactly 10.5
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 10f;
        }
        assertEquals(105f, Quantile.linear(v, Quantile.level(70)));
    }

    @Test
    void nanPropagates() {
        assertTrue(Float.isNaN(Quantile.linear(new float[] {1f, Float.NaN, 2f}, 0.5)));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Quantile.linear(new float[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Quantile.linear(new float[] {1f}, 1.5));
    }

    @Test
    void lerpIsExactAtTheEnds() {
        assertEquals(0.1f, Quantile.lerp(0.1f, 0.7f, 0f));
        assertEquals(0.7f, Quantile.lerp(0.1f, 0.7f, 1f));
    }
}
