package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rosebench.core.util.CpuInfo;

/** The dropout-generator probe against the mt19937 masks computed in Java. */
class EngineDropoutGeneratorTest {

    @Test
    void theJavaMt19937MaskIsAFairCoinAndDeterministic() {
        boolean[] a = EngineDropoutGenerator.mt19937Mask(1, 10_000, 0.5f);
        assertArrayEquals(a, EngineDropoutGenerator.mt19937Mask(1, 10_000, 0.5f));
        int kept = 0;
        for (boolean k : a) {
            kept += k ? 1 : 0;
        }
        assertTrue(Math.abs(kept - 5_000) < 300, kept + " of 10,000 kept");
        // the first draws of mt19937 seeded with 5489 (the C++ standard's default seed) are 3499211612, 581869302:
        // Commons Math's MersenneTwister is that generator
        org.apache.commons.math3.random.MersenneTwister mt = new org.apache.commons.math3.random.MersenneTwister(5489);
        assertEquals(3499211612L, mt.nextInt() & 0xffffffffL);
        assertEquals(581869302L, mt.nextInt() & 0xffffffffL);
    }

    @Test
    void theEngineDrawsLibtorchsOwnMasksOnCpusOtherThanIntelsAndTheProbeSaysWhichItDraws() {
        boolean[] engine = EngineDropoutGenerator.engineMask();
        boolean[] expected = EngineDropoutGenerator.mt19937Mask(EngineDropoutGenerator.SEED, EngineDropoutGenerator.SIZE,
                EngineDropoutGenerator.RATE);
        boolean same = java.util.Arrays.equals(engine, expected);
        String measured = EngineDropoutGenerator.measured();
        System.out.println("CPU " + CpuInfo.name() + ": libtorch draws dropout masks from " + measured);
        assertEquals(same ? EngineDropoutGenerator.MT19937 : EngineDropoutGenerator.OTHER, measured);
        assertArrayEquals(engine, EngineDropoutGenerator.engineMask(), "the probe is repeatable");
        if (!"GenuineIntel".equals(CpuInfo.vendor())) {
            // PyTorch takes MKL's stream only on CPUs cpuinfo reports as Intel
            assertArrayEquals(expected, engine, "libtorch's mt19937 masks on a " + CpuInfo.name());
        }
    }
}
