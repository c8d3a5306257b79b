package org.rosebench.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.rosebench.core.util.IntraOpThreads;

/**
 * Dropout with masks from a counter-based generator ({@link DropoutMasks#COUNTER}): element i of a mask is a pure
 * function of the engine seed, the number of the dropout call since that seed was set, and i. Nothing depends on
 * the CPU vendor, the thread count or the device, and the elements are computed in parallel.
 *
 * <p>The generator is {@link java.util.SplittableRandom}'s, read at random positions (Steele, Lea and Flood 2014:
 * value k of the stream seeded with s is {@code mix64(s + (k+1)·γ)}, γ the golden gamma). Call c after
 * {@link #reseed reseed(s)} (c = 0, 1, …) takes the stream key {@code K_c = mix64(s + (c+1)·γ)}; value j of the
 * stream seeded with {@code K_c} decides elements 2j (its low 32 bits) and 2j+1 (its high 32 bits), read as
 * unsigned u: an element is kept when {@code u ≥ round(p·2³²)} and then scaled by {@code 1/(1−p)} (float32, as
 * libtorch scales), else zeroed. The drop probability is p to within 2⁻³³.
 *
 * <p>The trainer re-seeds at every optimiser step (docs/resume.md §1), so a step's masks follow from the run seed and
 * the step, like every other draw. Calls are counted in program order; the forward passes of one process are
 * sequential.
 */
public final class CounterDropout {

    /** {@code SplittableRandom}'s GOLDEN_GAMMA, the odd increment of its counter. */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Pairs of elements per work item: enough to amortise handing it to a thread, few enough to balance two. */
    private static final int CHUNK_PAIRS = 1 << 15;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2 * CHUNK_PAIRS]);

    private static long seed;
    private static long calls;

    private CounterDropout() {}

    /** Starts the streams of seed {@code s} (called with every engine seed, {@code Djl.seed}). */
    public static synchronized void reseed(long s) {
        seed = s;
        calls = 0;
    }

    /** {@code x · mask}, the mask drawn from the next call's stream; no gradient flows into the mask. */
    public static NDArray apply(NDArray x, float rate) {
        if (!(rate > 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in (0, 1), got " + rate);
        }
        try (NDArray mask = mask(x.getManager(), x.getDevice(), x.getShape(), rate, nextCallKey())) {
            return x.mul(mask);
        }
    }

    /** The key of the next call's stream. */
    static synchronized long nextCallKey() {
        calls++;
        return mix64(seed + calls * GOLDEN_GAMMA);
    }

    /** A float32 mask of {@code shape}: 0 or {@code 1/(1−rate)} per element, from the stream keyed {@code key}. */
    static NDArray mask(NDManager manager, Device device, Shape shape, float rate, long key) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dropout over " + size + " elements (shape " + shape + "): counter "
                    + "masks are built in one buffer of at most " + Integer.MAX_VALUE + " floats");
        }
        if (Device.cpu().equals(device)) {
            NDArray mask = manager.create(shape, DataType.FLOAT32);
            fill(mask.toByteBuffer(true).asFloatBuffer(), (int) size, rate, key);
            return mask;
        }
        // accelerators: built in host memory and copied over, the same values as on a CPU
        try (NDManager host = manager.newSubManager(Device.cpu())) {
            NDArray onHost = host.create(shape, DataType.FLOAT32);
            fill(onHost.toByteBuffer(true).asFloatBuffer(), (int) size, rate, key);
            NDArray mask = onHost.toDevice(device, true);
            mask.attach(manager);
            return mask;
        }
    }

    /** Writes the mask of {@code size} elements into {@code out}, work items spread over libtorch's threads. */
    static void fill(FloatBuffer out, int size, float rate, long key) {
        long threshold = Math.round(rate * 4294967296.0);
        float scale = 1f / (1f - rate);
        long pairs = (size + 1L) / 2;
        int items = (int) ((pairs + CHUNK_PAIRS - 1) / CHUNK_PAIRS);
        IntraOpThreads.forEach(items, item -> {
            long from = (long) item * CHUNK_PAIRS;
            fillPairs(out, size, threshold, scale, key, from, Math.min(pairs, from + CHUNK_PAIRS));
        });
    }

    private static void fillPairs(FloatBuffer out, int size, long threshold, float scale, long key, long from,
            long to) {
        float[] values = SCRATCH.get();
        int n = (int) Math.min(2 * (to - from), size - 2 * from);
        int scaleBits = Float.floatToRawIntBits(scale);
        long state = key + (from + 1) * GOLDEN_GAMMA;
        for (int e = 0; e < n - 1; e += 2, state += GOLDEN_GAMMA) {
            long r = mix64(state);
            values[e] = kept(r & 0xffffffffL, threshold, scaleBits);
            values[e + 1] = kept(r >>> 32, threshold, scaleBits);
        }
        if ((n & 1) == 1) { // the last element of an odd-sized mask: the low half of its value
            values[n - 1] = kept(mix64(state) & 0xffffffffL, threshold, scaleBits);
        }
        out.put((int) (2 * from), values, 0, n);
    }

    /** {@code scale} if {@code u ≥ threshold} (both in [0, 2³²]), else 0, without a branch to mispredict. */
    private static float kept(long u, long threshold, int scaleBits) {
        int keep = (int) (((u - threshold) >>> 63) ^ 1); // 1 when u - threshold >= 0
        return Float.intBitsToFloat(-keep & scaleBits);
    }

    /** {@code SplittableRandom.mix64}: Stafford's variant 13 of the MurmurHash3 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
