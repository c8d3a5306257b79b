package org.rosebench.core.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.reflect.Method;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.util.IntraOpThreads;

/**
 * {@link AdamW}'s update in one pass over the memory of each tensor: W, g, m and v are read once and W, m, v written
 * once, in place, through direct buffers over libtorch's CPU memory. The op-by-op path reads and writes about 33
 * tensor-sized arrays per update (and allocates five temporaries); this one moves the 7 that cannot be avoided.
 *
 * <p>Tensors are cut into chunks small enough to stay in a core's L2 cache, spread over libtorch's intra-op thread
 * count. Per chunk: the moments in Java; sqrt(v) by libtorch, on a view of the chunk just written; the rest in
 * Java. Every other op of the op-by-op path is one correctly rounded float32 operation per element (mul, add, div;
 * an add has alpha 1), and Java float arithmetic is IEEE binary32 without contraction into fused multiply-adds, so
 * both give the same bits. libtorch's float32 sqrt is not the correctly rounded one (on this project's x86 build
 * it differs in the last bit for about one value in six) but it is a function of the element alone, whatever the
 * slice it is called on, so it stays libtorch's. Elements are independent: chunking and threads change no result.
 *
 * <p>Used only where that holds and the memory can be shared: CPU, float32, dense, contiguous tensors of more than
 * one element. Writes through the buffers do not bump libtorch's version counters; no autograd graph that saved a
 * parameter outlives a training step.
 */
final class FusedAdamW {

    /**
     * Elements per work item, copied to heap arrays (so C2 vectorises the loops) and back: a chunk's five arrays
     * (640 KB) stay in a core's L2 cache, and libtorch runs a sqrt of this size on the calling thread (it splits
     * only work above its grain size, 32768 elements).
     */
    private static final int CHUNK = 32768;

    private static final Object LIBRARY = library();
    private static final Method IS_CONTIGUOUS = isContiguousMethod();
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[5][CHUNK]);

    private FusedAdamW() {}

    /** What the update does to one tensor (see {@link AdamW}'s formula). */
    enum Kind {
        /** M = 1: plain HF AdamW. */
        UNMASKED,
        /** 0 &lt; M &lt; 1 (or any M other than 0 and 1): the masked update. */
        MASKED,
        /** M = 0: only the moments move, from the first moment standing in for the gradient. */
        FROZEN
    }

    /**
     * The per-tensor float32 scalars, each cast from double exactly as the op-by-op path casts them.
     *
     * @param negDecay −lr·wd as float32, or 0 when the tensor is not decayed (then the decay is skipped)
     */
    record Scalars(Kind kind, float mask, float b1, float c1, float b2, float c2, float eps, float negStep,
                   float negDecay, boolean decay) {}

    /**
     * One tensor's update: its four memories, a flat view of the second moment (for libtorch's sqrt) and its
     * scalars. {@code w}, {@code g} and {@code flatV} are null for {@link Kind#FROZEN}.
     */
    record Job(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, NDArray flatV, int size, Scalars s) {}

    /** Whether these arrays can be updated here (see the class comment); null entries are ignored. */
    static boolean supports(NDArray... arrays) {
        long size = -1;
        for (NDArray a : arrays) {
            if (a == null) {
                continue;
            }
            if (!(a instanceof PtNDArray pt) || a.getDataType() != DataType.FLOAT32 || a.isSparse()
                    || !Device.cpu().equals(a.getDevice()) || JniUtils.getLayout(pt) != 0 || !isContiguous(pt)) {
                return false;
            }
            long n = a.size();
            if (n <= 1 || n > Integer.MAX_VALUE || (size >= 0 && n != size)) {
                return false;
            }
            size = n;
        }
        return size > 1;
    }

    /** The float32 memory of a {@link #supports supported} array, shared with libtorch. */
    static FloatBuffer memory(NDArray a) {
        return a.toByteBuffer(true).asFloatBuffer();
    }

    /** Runs the jobs, their chunks spread over libtorch's intra-op thread count. */
    static void run(List<Job> jobs) {
        List<long[]> items = new ArrayList<>(); // {job index, from, to}
        for (int j = 0; j < jobs.size(); j++) {
            int size = jobs.get(j).size();
            for (int from = 0; from < size; from += CHUNK) {
                items.add(new long[] {j, from, Math.min(size, from + CHUNK)});
            }
        }
        IntraOpThreads.forEach(items.size(), i -> {
            long[] item = items.get(i);
            chunk(jobs.get((int) item[0]), (int) item[1], (int) item[2]);
        });
    }

    private static boolean allPositiveZero(float[] a, int n) {
        int bits = 0;
        for (int i = 0; i < n; i++) {
            bits |= Float.floatToRawIntBits(a[i]);
        }
        return bits == 0;
    }

    /** Elements [from, to) of one job. */
    private static void chunk(Job job, int from, int to) {
        float[][] scratch = SCRATCH.get();
        float[] w = scratch[0];
        float[] g = scratch[1];
        float[] m = scratch[2];
        float[] v = scratch[3];
        float[] root = scratch[4];
        Scalars s = job.s();
        int n = to - from;
        job.m().get(from, m, 0, n);
        job.v().get(from, v, 0, n);
        if (s.kind() == Kind.FROZEN) {
            frozen(s, m, v, n);
        } else {
            job.g().get(from, g, 0, n);
            moments(s, g, m, v, n);
        }
        job.m().put(from, m, 0, n);
        job.v().put(from, v, 0, n);
        if (s.kind() == Kind.FROZEN) {
            return;
        }
        if (allPositiveZero(v, n)) {
            // sqrt(+0) = +0 in every rounding: rows of an embedding whose tokens have not been seen yet keep v = 0,
            // and libtorch's sqrt takes a slow path for zeros
            java.util.Arrays.fill(root, 0, n, 0f);
        } else {
            // the view is taken after the new v was written, so it reads the new v whatever libtorch's slicing does
            try (NDArray slice = job.flatV().get(new NDIndex().addSliceDim(from, to));
                    NDArray sqrt = slice.sqrt()) {
                memory(sqrt).get(0, root, 0, n);
            }
        }
        job.w().get(from, w, 0, n);
        weights(s, w, m, root, n);
        job.w().put(from, w, 0, n);
    }

    /**
     * The moments, as the op-by-op path computes them: {@code g̃ = g.mul(M).addi(m.mul(1 − M))} when masked, then
     * {@code m.muli(β1).addi(g̃.mul(1 − β1))} and {@code v.muli(β2).addi(g̃.mul(1 − β2).muli(g̃))}.
     */
    private static void moments(Scalars s, float[] g, float[] m, float[] v, int n) {
        float b1 = s.b1();
        float c1 = s.c1();
        float b2 = s.b2();
        float c2 = s.c2();
        if (s.kind() == Kind.MASKED) {
            float mask = s.mask();
            float inv = 1f - mask;
            for (int i = 0; i < n; i++) {
                g[i] = g[i] * mask + m[i] * inv;
            }
        }
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            m[i] = m[i] * b1 + gi * c1;
            v[i] = v[i] * b2 + (gi * c2) * gi;
        }
    }

    /**
     * The weights from the new first moment and libtorch's sqrt of the new second moment:
     * {@code w.addi(m.mul(−step).divi(sqrt(v).addi(ε)))} then {@code w.addi(w.mul(−lr·wd))}, with m and w first
     * multiplied by M when masked.
     */
    private static void weights(Scalars s, float[] w, float[] m, float[] root, int n) {
        float eps = s.eps();
        float negStep = s.negStep();
        if (s.kind() == Kind.MASKED) {
            float mask = s.mask();
            for (int i = 0; i < n; i++) {
                w[i] = w[i] + ((m[i] * mask) * negStep) / (root[i] + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                w[i] = w[i] + (m[i] * negStep) / (root[i] + eps);
            }
        }
        if (!s.decay()) {
            return;
        }
        float negDecay = s.negDecay();
        if (s.kind() == Kind.MASKED) {
            float mask = s.mask();
            for (int i = 0; i < n; i++) {
                w[i] = w[i] + (w[i] * mask) * negDecay;
            }
        } else {
            for (int i = 0; i < n; i++) {
                w[i] = w[i] + w[i] * negDecay;
            }
        }
    }

    /** The op-by-op path's M = 0 branch: both increments from the old first moment, W untouched. */
    private static void frozen(Scalars s, float[] m, float[] v, int n) {
        float b1 = s.b1();
        float c1 = s.c1();
        float b2 = s.b2();
        float c2 = s.c2();
        for (int i = 0; i < n; i++) {
            float mi = m[i];
            m[i] = mi * b1 + mi * c1;                          // m.muli(b1).addi(m.mul(c1))
            v[i] = v[i] * b2 + (mi * c2) * mi;                 // v.muli(b2).addi(m.mul(c2).muli(m))
        }
    }

    /**
     * A contiguous array's buffer is its own memory; for any other DJL hands out a copy, whose writes would be
     * lost. DJL keeps the contiguity query package-private, hence the reflective call; without it nothing is
     * fused.
     */
    private static boolean isContiguous(PtNDArray a) {
        if (IS_CONTIGUOUS == null || LIBRARY == null) {
            return false;
        }
        try {
            return (boolean) IS_CONTIGUOUS.invoke(LIBRARY, a.getHandle());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Object library() {
        try {
            java.lang.reflect.Field f = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary").getDeclaredField("LIB");
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method isContiguousMethod() {
        try {
            Method m = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary").getDeclaredMethod("torchIsContiguous",
                    long.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
