package org.rosebench.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.rosebench.core.Djl;

class DebugTmpTest {
    @Test
    void scalarLifetime() {
        boolean safe = Boolean.getBoolean("dbg.safe");
        int bad = 0;
        try (NDManager m = Djl.newManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            for (int run = 0; run < 200; run++) {
                try (NDScope s = new NDScope()) {
                    try (GradientCollector c = Djl.engine().newGradientCollector()) {
                        NDArray y = safe ? x.div(m.full(new Shape(), 2f, DataType.FLOAT32)) : x.div(2f);
                        System.gc();
                        byte[][] junk = new byte[64][];
                        for (int i = 0; i < junk.length; i++) { junk[i] = new byte[1 << 16]; }
                        for (int i = 0; i < 50; i++) { java.nio.ByteBuffer.allocateDirect(4).putFloat(0, 123456789f); }
                        c.backward(y.sum());
                    }
                    float[] g = x.getGradient().toFloatArray();
                    if (g[0] != 0.5f) { bad++; if (bad < 4) System.err.println("run " + run + " grad " + java.util.Arrays.toString(g)); }
                    x.getGradient().subi(x.getGradient());
                }
            }
        }
        System.err.println("safe=" + safe + " bad " + bad + "/200");
    }
}
