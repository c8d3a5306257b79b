package org.rosebench.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Decoding of little-endian floating-point tensor bytes into float32, shared by the safetensors and TF readers.
 * Package-private: the public surface is the readers.
 */
final class FloatCodec {

    /** Element types the readers can widen or narrow to float32. */
    enum Kind {
        F32(4), F16(2), BF16(2), F64(8);

        final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * Largest region mapped at once. A MappedByteBuffer is int-indexed (2 GB); mapping per tensor and, inside a
     * huge tensor, per chunk is what lets checkpoints larger than 2 GB load. A multiple of 8 keeps elements whole.
     */
    static final long MAX_MAP_BYTES = 1L << 30;

    /** Float.float16ToFloat is Java 20+; a 64 Ki-entry table (256 KB) computed once is faster than per-value math. */
    private static final class F16Table {
        static final float[] TABLE = new float[1 << 16];

        static {
            for (int i = 0; i < TABLE.length; i++) {
                TABLE[i] = f16ToFloatSlow(i);
            }
        }
    }

    private FloatCodec() {}

    /** IEEE 754 binary16 → binary32, exact: normals, subnormals, ±0, ±inf and NaN (payload kept). */
    static float f16ToFloat(int bits) {
        return F16Table.TABLE[bits & 0xFFFF];
    }

    static float f16ToFloatSlow(int bits) {
        int sign = (bits >>> 15) & 0x1;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            // inf (mant == 0) or NaN; shifting the 10-bit payload to the top of the 23-bit one keeps it a NaN.
            return Float.intBitsToFloat((sign << 31) | 0x7F80_0000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: value = mant × 2^-24, which is a normal float32 and exactly representable.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        // normal: rebias the exponent (15 → 127) and widen the mantissa.
        return Float.intBitsToFloat((sign << 31) | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** bfloat16 is the top half of a float32, so widening is a shift. */
    static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /**
     * Reads {@code out.length} elements of {@code kind} starting at byte {@code position} of the channel, memory
     * mapping the region in chunks of at most {@link #MAX_MAP_BYTES}.
     */
    static void read(FileChannel channel, long position, Kind kind, float[] out) throws IOException {
        read(channel, position, kind, out, MAX_MAP_BYTES);
    }

    /** As above with an explicit chunk size (a multiple of 8), so tests can exercise the multi-chunk path. */
    static void read(FileChannel channel, long position, Kind kind, float[] out, long maxMapBytes) throws IOException {
        long total = (long) out.length * kind.bytes;
        long done = 0;
        int index = 0;
        while (done < total) {
            long chunk = Math.min(maxMapBytes, total - done);
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, position + done, chunk);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            int count = (int) (chunk / kind.bytes);
            decode(mapped, kind, out, index, count);
            index += count;
            done += chunk;
        }
    }

    /** Decodes {@code count} little-endian elements from {@code buffer} (already ordered LE) into out[offset...]. */
    static void decode(ByteBuffer buffer, Kind kind, float[] out, int offset, int count) {
        ByteBuffer b = buffer.order(ByteOrder.LITTLE_ENDIAN);
        switch (kind) {
            case F32 -> b.asFloatBuffer().get(out, offset, count); // bulk copy, no per-element work
            case F16 -> {
                int start = b.position();
                for (int i = 0; i < count; i++) {
                    out[offset + i] = f16ToFloat(b.getShort(start + 2 * i));
                }
            }
            case BF16 -> {
                int start = b.position();
                for (int i = 0; i < count; i++) {
                    out[offset + i] = bf16ToFloat(b.getShort(start + 2 * i));
                }
            }
            case F64 -> {
                int start = b.position();
                for (int i = 0; i < count; i++) {
                    out[offset + i] = (float) b.getDouble(start + 8 * i);
                }
            }
        }
    }

    /** Number of elements of a shape, failing when it cannot fit a Java float[]. */
    static int elementCount(long[] shape, String what) throws IOException {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new CheckpointFormatException(what + ": negative dimension " + d);
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new CheckpointFormatException(what + ": element count overflows");
            }
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new CheckpointFormatException(what + ": " + n + " elements do not fit a Java float[] (max ~2^31)");
        }
        return (int) n;
    }
}
