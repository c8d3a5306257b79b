package org.rosebench.core.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.norm.Dropout;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Which generator libtorch's {@code dropout} draws its masks from in this process, measured rather than assumed.
 * PyTorch's MKL build takes {@code bernoulli_} from MKL's VSL stream when cpuinfo reports an Intel CPU and from its
 * own mt19937 otherwise; whether cpuinfo does so depends on more than {@code /proc/cpuinfo} (on the Intel Xeon
 * virtual machine this was written on it did not, and its models equalled an AMD machine's). The probe seeds the
 * engine, drops out a vector of ones and compares the mask with the mt19937 masks computed here in Java
 * ({@link #mt19937Mask}: PyTorch's {@code bernoulli_distribution<double>} over {@code random64()}, that is two 32-bit
 * draws, the first the high half, keeping 53 bits). Run once, before any training: it re-seeds the engine, which
 * every training step does again anyway.
 */
public final class EngineDropoutGenerator {

    /** libtorch's own generator: the masks every CPU without MKL's path draws, and the keys' default. */
    public static final String MT19937 = "mt19937";
    /** Not libtorch's mt19937: MKL's VSL stream on CPUs that cpuinfo reports as Intel. */
    public static final String OTHER = "mkl-vsl";

    static final long SEED = 20261205L;
    static final int SIZE = 4096;
    static final float RATE = 0.5f;

    private static volatile String measured;

    private EngineDropoutGenerator() {}

    /** {@link #MT19937} or {@link #OTHER} for this process's CPU engine; measured on the first call. */
    public static String measured() {
        String m = measured;
        if (m == null) {
            synchronized (EngineDropoutGenerator.class) {
                if (measured == null) {
                    measured = java.util.Arrays.equals(engineMask(), mt19937Mask(SEED, SIZE, RATE)) ? MT19937 : OTHER;
                }
                m = measured;
            }
        }
        return m;
    }

    /** The engine's keep-mask of {@link #SIZE} ones dropped out at {@link #RATE} after seeding it with {@link #SEED}. */
    static boolean[] engineMask() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager(ai.djl.Device.cpu())) {
            engine.setRandomSeed((int) SEED);
            NDArray out = Dropout.dropout(m.ones(new ai.djl.ndarray.types.Shape(SIZE)), RATE, true).singletonOrThrow();
            float[] v = out.toFloatArray();
            boolean[] keep = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                keep[i] = v[i] != 0f;
            }
            return keep;
        }
    }

    /**
     * The keep-mask libtorch's mt19937 path gives: element i is kept when the i-th {@code uniform_real} draw in [0, 1)
     * is below {@code 1 - rate} (dropout draws {@code bernoulli_(1 - rate)} element by element, in order).
     */
    static boolean[] mt19937Mask(long seed, int n, float rate) {
        MersenneTwister mt = new MersenneTwister((int) seed); // init_genrand, as at::mt19937(seed)
        double keepProbability = 1 - (double) rate;
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            long hi = mt.nextInt() & 0xffffffffL;
            long lo = mt.nextInt() & 0xffffffffL;
            long random64 = (hi << 32) | lo;
            double uniform = (random64 & ((1L << 53) - 1)) * 0x1.0p-53;
            keep[i] = uniform < keepProbability;
        }
        return keep;
    }
}
