package org.rosebench.rose;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MaskRuleTest {

    private static float[] distinct(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (i * 7 % n) + 0.5f; // a permutation, so ranks are not positional
        }
        return s;
    }

    private static int kept(float[] mask) {
        int k = 0;
        for (float m : mask) {
            k += (int) m;
        }
        return k;
    }

    @Test
    void keepsFloorOfUpperTimesNMinusOnePlusOne() {
        // docs/rose.md §12.3: base model, 96 eligible tensors
        assertEquals(86, kept(MaskRule.keepWithinQuantiles(distinct(96), 0, 90)));
        assertEquals(67, kept(MaskRule.keepWithinQuantiles(distinct(96), 0, 70)));
        assertEquals(29, kept(MaskRule.keepWithinQuantiles(distinct(96), 0, 30)));
        assertEquals(163, kept(MaskRule.keepWithinQuantiles(distinct(192), 0, 85)));
    }

    @Test
    void freezesTheMostSalientAndBelowLower() {
        float[] s = {5f, 1f, 3f, 2f, 4f};
        assertArrayEquals(new float[] {0f, 1f, 1f, 1f, 1f}, MaskRule.keepWithinQuantiles(s, 0, 75));
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, 1f}, MaskRule.keepWithinQuantiles(s, 25, 75));
    }

    @Test
    void ensembleValuesAreFloat32LikeTheAuthors() {
        float[] mixed = MaskRule.ensemble(new float[] {1f, 1f, 0f, 0f}, new float[] {1f, 0f, 1f, 0f}, 0.3);
        assertEquals(1f, mixed[0]);
        assertEquals(0.699999988079071, mixed[1], 0.0);
        assertEquals(0.30000001192092896, mixed[2], 0.0);
        assertEquals(0f, mixed[3]);
    }

    @Test
    void nanSaliencyFreezesEverythingLikeTorchOrIsExcluded() {
        float[] s = {5f, Float.NaN, 3f, 2f, 4f};
        // torch: quantile of a vector with NaN is NaN, every comparison is false
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0f},
                MaskRule.keepWithinQuantiles(s, 0, 75, NanSaliency.FREEZE_ALL));
        // exclude: thresholds over {5, 3, 2, 4}: the 75th percentile is 4.25 (rank 2.25 between 4 and 5)
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, 1f},
                MaskRule.keepWithinQuantiles(s, 0, 75, NanSaliency.EXCLUDE));
        assertArrayEquals(new float[] {0f, 0f}, MaskRule.keepWithinQuantiles(new float[] {Float.NaN, Float.NaN}, 0, 100,
                NanSaliency.EXCLUDE));
        // without NaN both policies are the authors' rule
        float[] clean = {5f, 1f, 3f, 2f, 4f};
        assertArrayEquals(MaskRule.keepWithinQuantiles(clean, 25, 75, NanSaliency.FREEZE_ALL),
                MaskRule.keepWithinQuantiles(clean, 25, 75, NanSaliency.EXCLUDE));
        assertEquals(1, MaskRule.countNaN(s));
    }
}
