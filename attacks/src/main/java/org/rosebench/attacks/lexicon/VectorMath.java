package org.rosebench.attacks.lexicon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.rosebench.core.util.Progress;

/**
 * Dense all-pairs dot products over a unit-normalised {@code n × d} matrix, blocked for the cache and vectorised by
 * the JIT: the matrix is transposed once to {@code d × n}, and for a block of rows the scores against a block of
 * columns are accumulated one dimension at a time ({@code s[j] += a_ik * t[k][j]}, a loop HotSpot turns into SIMD).
 * Rows are shared out to worker threads block by block.
 */
final class VectorMath {

    static final int ROW_BLOCK = 64;
    static final int COL_BLOCK = 1024;

    private VectorMath() {}

    static int threads() {
        String p = System.getProperty("rose.lexicon.threads");
        if (p != null && !p.isBlank()) {
            return Math.max(1, Integer.parseInt(p.trim()));
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    static float[] normalisedCopy(float[] data, int n, int d) {
        float[] out = new float[data.length];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double x = data[i * d + k];
                s += x * x;
            }
            if (s > 0) {
                float inv = (float) (1.0 / Math.sqrt(s));
                for (int k = 0; k < d; k++) {
                    out[i * d + k] = data[i * d + k] * inv;
                }
            }
        }
        return out;
    }

    static float[] transpose(float[] a, int n, int d) {
        float[] t = new float[a.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                t[k * n + i] = a[i * d + k];
            }
        }
        return t;
    }

    /** Per-thread scratch: score rows and a copy of the current column tile of the transposed matrix. */
    static final class Scratch {
        final float[][] out;
        final float[][] tile;

        Scratch(int d) {
            out = new float[ROW_BLOCK][COL_BLOCK];
            tile = new float[d][COL_BLOCK];
        }
    }

    /**
     * {@code s.out[i - r0][j - c0] = a_i · t_j} for rows [r0, r1) and columns [c0, c1) (at most {@link #ROW_BLOCK}
     * and {@link #COL_BLOCK}). The column tile is first copied into {@code s.tile} so that the inner loop reads and
     * writes arrays at one and the same index, which HotSpot's SuperWord vectorises (it does not when the two
     * arrays are indexed at different offsets, since they might alias); four rows share each tile load.
     */
    static void scores(float[] a, float[] t, int n, int d, int r0, int r1, int c0, int c1, Scratch s) {
        int w = c1 - c0;
        float[][] tile = s.tile;
        float[][] out = s.out;
        for (int k = 0; k < d; k++) {
            System.arraycopy(t, k * n + c0, tile[k], 0, w);
        }
        int i = r0;
        for (; i + 4 <= r1; i += 4) {
            float[] o0 = out[i - r0], o1 = out[i - r0 + 1], o2 = out[i - r0 + 2], o3 = out[i - r0 + 3];
            Arrays.fill(o0, 0, w, 0f);
            Arrays.fill(o1, 0, w, 0f);
            Arrays.fill(o2, 0, w, 0f);
            Arrays.fill(o3, 0, w, 0f);
            int a0 = i * d;
            for (int k = 0; k < d; k++) {
                float x0 = a[a0 + k], x1 = a[a0 + d + k], x2 = a[a0 + 2 * d + k], x3 = a[a0 + 3 * d + k];
                float[] tk = tile[k];
                for (int j = 0; j < w; j++) {
                    float tv = tk[j];
                    o0[j] += x0 * tv;
                    o1[j] += x1 * tv;
                    o2[j] += x2 * tv;
                    o3[j] += x3 * tv;
                }
            }
        }
        for (; i < r1; i++) {
            float[] o = out[i - r0];
            Arrays.fill(o, 0, w, 0f);
            int ai = i * d;
            for (int k = 0; k < d; k++) {
                float x = a[ai + k];
                float[] tk = tile[k];
                for (int j = 0; j < w; j++) {
                    o[j] += x * tk[j];
                }
            }
        }
    }

    /**
     * For every row of the unit-normalised {@code a}: the {@code k} other rows of highest dot product, highest first,
     * ties broken by the lower index. Returns {ids (n × k, int bits), scores (n × k)} packed in {@link TopK}.
     */
    static TopK topK(float[] a, int n, int d, int k, int threads, String task) {
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "]: " + k);
        }
        float[] t = transpose(a, n, d);
        int[] ids = new int[n * k];
        float[] cos = new float[n * k];
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        try (Progress bar = Progress.start(task, n, "words")) {
            parallel(blocks, threads, () -> new Scratch(d), (block, buf) -> {
                int r0 = block * ROW_BLOCK;
                int r1 = Math.min(n, r0 + ROW_BLOCK);
                int rows = r1 - r0;
                float[] hs = new float[rows * k];
                int[] hi = new int[rows * k];
                int[] size = new int[rows];
                for (int c0 = 0; c0 < n; c0 += COL_BLOCK) {
                    int c1 = Math.min(n, c0 + COL_BLOCK);
                    int w = c1 - c0;
                    scores(a, t, n, d, r0, r1, c0, c1, buf);
                    for (int r = 0; r < rows; r++) {
                        int self = r0 + r;
                        float[] row = buf.out[r];
                        int hb = r * k;
                        int sz = size[r];
                        float min = sz == k ? hs[hb] : Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < w; j++) {
                            float s = row[j];
                            if (sz < k || s > min) { // equal scores: the earlier (lower) index stays
                                int id = c0 + j;
                                if (id == self) {
                                    continue;
                                }
                                if (sz < k) {
                                    heapPush(hs, hi, hb, sz, s, id);
                                    sz++;
                                } else {
                                    heapReplaceTop(hs, hi, hb, k, s, id);
                                }
                                min = sz == k ? hs[hb] : Float.NEGATIVE_INFINITY;
                            }
                        }
                        size[r] = sz;
                    }
                }
                for (int r = 0; r < rows; r++) {
                    sortDescending(hs, hi, r * k, k, ids, cos, (r0 + r) * k);
                }
                bar.stepBy(rows, null);
            });
        }
        return new TopK(ids, cos, k);
    }

    record TopK(int[] ids, float[] scores, int k) {}

    /** Pairs (i < j) of unit-normalised rows with dot product strictly above {@code threshold}, sorted by (i, j). */
    static Pairs pairsAbove(float[] a, int n, int d, float threshold, int threads, String task) {
        float[] t = transpose(a, n, d);
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        Pairs[] perBlock = new Pairs[blocks];
        try (Progress bar = Progress.start(task, blocks, "blocks")) {
            parallel(blocks, threads, () -> new Scratch(d), (block, buf) -> {
                int r0 = block * ROW_BLOCK;
                int r1 = Math.min(n, r0 + ROW_BLOCK);
                Pairs.Builder out = new Pairs.Builder();
                for (int c0 = r0; c0 < n; c0 += COL_BLOCK) {
                    int c1 = Math.min(n, c0 + COL_BLOCK);
                    scores(a, t, n, d, r0, r1, c0, c1, buf);
                    for (int i = r0; i < r1; i++) {
                        float[] row = buf.out[i - r0];
                        for (int j = Math.max(c0, i + 1); j < c1; j++) {
                            float s = row[j - c0];
                            if (s > threshold) {
                                out.add(i, j, s);
                            }
                        }
                    }
                }
                perBlock[block] = out.build();
                bar.stepBy(1, null);
            });
        }
        return Pairs.concat(perBlock);
    }

    /** Pairs of row indices with a value each. */
    record Pairs(int[] a, int[] b, float[] value) {
        int size() {
            return a.length;
        }

        static Pairs concat(Pairs[] parts) {
            int total = 0;
            for (Pairs p : parts) {
                total += p.size();
            }
            int[] a = new int[total];
            int[] b = new int[total];
            float[] v = new float[total];
            int o = 0;
            for (Pairs p : parts) {
                System.arraycopy(p.a, 0, a, o, p.size());
                System.arraycopy(p.b, 0, b, o, p.size());
                System.arraycopy(p.value, 0, v, o, p.size());
                o += p.size();
            }
            return new Pairs(a, b, v);
        }

        static final class Builder {
            private int[] a = new int[256];
            private int[] b = new int[256];
            private float[] v = new float[256];
            private int n;

            void add(int i, int j, float value) {
                if (n == a.length) {
                    a = Arrays.copyOf(a, n * 2);
                    b = Arrays.copyOf(b, n * 2);
                    v = Arrays.copyOf(v, n * 2);
                }
                a[n] = i;
                b[n] = j;
                v[n] = value;
                n++;
            }

            Pairs build() {
                return new Pairs(Arrays.copyOf(a, n), Arrays.copyOf(b, n), Arrays.copyOf(v, n));
            }
        }
    }

    @FunctionalInterface
    interface BlockTask<B> {
        void run(int block, B buffer);
    }

    /** Runs {@code task} for blocks 0..blocks-1 on {@code threads} threads, each with its own buffer. */
    static <B> void parallel(int blocks, int threads, java.util.function.Supplier<B> buffer, BlockTask<B> task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int workers = Math.max(1, Math.min(threads, blocks));
        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread th = new Thread(() -> {
                B buf = buffer.get();
                int b;
                while (failure.get() == null && (b = next.getAndIncrement()) < blocks) {
                    try {
                        task.run(b, buf);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "lexicon-worker-" + w);
            th.setDaemon(true);
            pool.add(th);
            th.start();
        }
        for (Thread th : pool) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error er) {
            throw er;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} for 0..n-1 split into contiguous chunks over threads. */
    static void parallelRange(int n, int threads, IntConsumer body) {
        int chunk = Math.max(1, (n + threads * 8 - 1) / (threads * 8));
        int blocks = (n + chunk - 1) / chunk;
        parallel(blocks, threads, () -> null, (b, ignored) -> {
            int end = Math.min(n, (b + 1) * chunk);
            for (int i = b * chunk; i < end; i++) {
                body.accept(i);
            }
        });
    }

    // ---------------------------------------------------------------- min-heap on (score, -index)

    /** Whether (s1, i1) ranks below (s2, i2): lower score, or equal score and higher index. */
    private static boolean below(float s1, int i1, float s2, int i2) {
        return s1 < s2 || (s1 == s2 && i1 > i2);
    }

    private static void heapPush(float[] hs, int[] hi, int base, int size, float s, int id) {
        int c = size;
        while (c > 0) {
            int p = (c - 1) >> 1;
            if (!below(s, id, hs[base + p], hi[base + p])) {
                break;
            }
            hs[base + c] = hs[base + p];
            hi[base + c] = hi[base + p];
            c = p;
        }
        hs[base + c] = s;
        hi[base + c] = id;
    }

    private static void heapReplaceTop(float[] hs, int[] hi, int base, int size, float s, int id) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int m = l;
            int r = l + 1;
            if (r < size && below(hs[base + r], hi[base + r], hs[base + l], hi[base + l])) {
                m = r;
            }
            if (!below(hs[base + m], hi[base + m], s, id)) {
                break;
            }
            hs[base + c] = hs[base + m];
            hi[base + c] = hi[base + m];
            c = m;
        }
        hs[base + c] = s;
        hi[base + c] = id;
    }

    private static void sortDescending(float[] hs, int[] hi, int base, int k, int[] ids, float[] cos, int out) {
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            float sx = hs[base + x], sy = hs[base + y];
            if (sx != sy) {
                return sx > sy ? -1 : 1;
            }
            return Integer.compare(hi[base + x], hi[base + y]);
        });
        for (int i = 0; i < k; i++) {
            ids[out + i] = hi[base + order[i]];
            cos[out + i] = hs[base + order[i]];
        }
    }

    // ---------------------------------------------------------------- float I/O

    static void writeFloats(DataOutputStream out, float[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(f);
        }
        out.write(buf.array(), 0, buf.position());
    }

    static void readFloats(DataInputStream in, float[] data) throws IOException {
        byte[] bytes = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < data.length) {
            int len = Math.min(bytes.length, (data.length - i) * 4);
            in.readFully(bytes, 0, len);
            buf.clear();
            buf.asFloatBuffer().get(data, i, len / 4);
            i += len / 4;
        }
    }

    static void writeInts(DataOutputStream out, int[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putInt(f);
        }
        out.write(buf.array(), 0, buf.position());
    }

    static void readInts(DataInputStream in, int[] data) throws IOException {
        byte[] bytes = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < data.length) {
            int len = Math.min(bytes.length, (data.length - i) * 4);
            in.readFully(bytes, 0, len);
            buf.clear();
            buf.asIntBuffer().get(data, i, len / 4);
            i += len / 4;
        }
    }
}
