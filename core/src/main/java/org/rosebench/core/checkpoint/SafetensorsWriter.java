package org.rosebench.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes float32 safetensors files laid out as HuggingFace's reference writer does, so that files round-trip
 * byte-for-byte through {@code safetensors.torch.save_file}-style tooling: {@code __metadata__} first, tensors
 * sorted by name (all share one dtype, so HF's dtype-then-name order reduces to name order) with data in the same
 * order, compact JSON, header padded with spaces to a multiple of 8 bytes so the data section stays aligned.
 *
 * <p>The write is atomic: a temp file in the target directory is filled, forced to disk, then moved over the
 * target, so a crash or a concurrent reader never sees a half-written checkpoint.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_FLOATS = 1 << 18; // 1 MB of output per write call

    private SafetensorsWriter() {}

    public static void write(Path file, Collection<TensorData> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} (named by {@link TensorData#name()}) with an optional {@code __metadata__} string map
     * (pass an empty map for none).
     */
    public static void write(Path file, Collection<TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        List<LazyTensor> lazy = new ArrayList<>(tensors.size());
        for (TensorData t : tensors) {
            lazy.add(new LazyTensor(t.name(), t.shape(), t::data));
        }
        writeLazily(file, lazy, metadata);
    }

    /**
     * A tensor whose float32 data is produced only when the writer reaches it, so that at most one tensor is on the
     * heap at a time (a model's weights and optimiser moments are written straight from the device).
     */
    public record LazyTensor(String name, long[] shape, Supplier<float[]> data) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** Like {@link #write(Path, Collection, Map)}, taking each tensor's data from its supplier in file order. */
    public static void writeLazily(Path file, Collection<LazyTensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<LazyTensor> sorted = sortedAndChecked(tensors);
        byte[] header = lazyHeader(sorted, metadata);

        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // same directory, so the final move is a rename within one file system and can be atomic
        Path tmp = org.rosebench.core.util.Cache.tempSibling(target); // with the umask: checkpoints are shared
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(out, len);
                writeFully(out, ByteBuffer.wrap(header));
                ByteBuffer buf = ByteBuffer.allocate(CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (LazyTensor t : sorted) {
                    float[] data = t.data().get();
                    if (data.length != t.elements()) {
                        throw new IllegalArgumentException(t.name() + ": shape " + Arrays.toString(t.shape())
                                + " needs " + t.elements() + " values, got " + data.length);
                    }
                    for (int i = 0; i < data.length; i += CHUNK_FLOATS) {
                        int n = Math.min(CHUNK_FLOATS, data.length - i);
                        buf.clear();
                        buf.asFloatBuffer().put(data, i, n);
                        buf.limit(n * 4);
                        writeFully(out, buf);
                    }
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The padded JSON header for tensors already in file order. */
    static byte[] header(List<TensorData> sorted, Map<String, String> metadata) throws IOException {
        List<LazyTensor> lazy = new ArrayList<>(sorted.size());
        for (TensorData t : sorted) {
            lazy.add(new LazyTensor(t.name(), t.shape(), t::data));
        }
        return lazyHeader(lazy, metadata);
    }

    private static byte[] lazyHeader(List<LazyTensor> sorted, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put); // deterministic output; HF's map order is unspecified
        }
        long offset = 0;
        for (LazyTensor t : sorted) {
            ObjectNode info = root.putObject(t.name());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + 4L * t.elements();
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Rejects empty, reserved and duplicate names; sorts by UTF-8 bytes as the Rust reference does. */
    private static List<LazyTensor> sortedAndChecked(Collection<LazyTensor> tensors) {
        List<LazyTensor> sorted = new ArrayList<>(tensors);
        Set<String> seen = new HashSet<>();
        for (LazyTensor t : sorted) {
            if (t.name() == null || t.name().isEmpty() || t.name().equals("__metadata__")) {
                throw new IllegalArgumentException("invalid tensor name: '" + t.name() + "'");
            }
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name: '" + t.name() + "'");
            }
            for (long d : t.shape()) {
                if (d < 0) {
                    throw new IllegalArgumentException(t.name() + ": negative dimension in " + Arrays.toString(t.shape()));
                }
            }
        }
        sorted.sort((a, b) -> Arrays.compareUnsigned(
                a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8)));
        return sorted;
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
