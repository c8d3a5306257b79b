package org.rosebench.core.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads HuggingFace safetensors checkpoints (single file or sharded with {@code model.safetensors.index.json})
 * into float32 {@link TensorData}.
 *
 * <p>Why not DJL's {@code NDList.decode}: it crashes the JVM on BF16 and reads a whole file into one array (2 GB
 * limit). Here each tensor region is memory-mapped on its own and F16/BF16 are widened in Java.
 *
 * <p>Layout: 8-byte little-endian header length N, N bytes of JSON ({@code name → {dtype, shape,
 * data_offsets:[begin,end]}} plus an optional {@code __metadata__} string map), then the raw little-endian data;
 * offsets are relative to the first byte after the header.
 */
public final class SafetensorsReader {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";
    private static final String METADATA_KEY = "__metadata__";
    /** The reference implementation refuses headers above 100 MB; a bigger one means a corrupt length field. */
    private static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Buffers (ids, masks, counters) rather than weights: skipped when loading a model. */
    private static final java.util.Set<String> INTEGER_DTYPES =
            java.util.Set.of("BOOL", "U8", "I8", "I16", "U16", "I32", "U32", "I64", "U64");

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One tensor as described by the header; offsets are absolute positions in the file. */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    /** A parsed header: tensors in header order and the metadata map. */
    private record Header(Map<String, Entry> entries, Map<String, String> metadata) {}

    private SafetensorsReader() {}

    /** The floating-point tensors of a checkpoint, and the integer or boolean buffers that were left out. */
    public record FloatTensors(Map<String, TensorData> tensors, List<String> skippedBuffers) {}

    /**
     * Reads a checkpoint directory: {@code model.safetensors.index.json} (sharded) if present, else
     * {@code model.safetensors}, else the only {@code *.safetensors} file. A path to a file is read directly.
     */
    public static Map<String, TensorData> readDirectory(Path dir) throws IOException {
        return readDirectory(dir, null);
    }

    /**
     * Like {@link #readDirectory(Path)}, but integer and boolean buffers (such as the I64
     * {@code embeddings.position_ids} that older transformers versions saved) are skipped and listed instead of
     * failing the whole load: no model weight is ever stored that way.
     */
    public static FloatTensors readFloatTensors(Path dir) throws IOException {
        List<String> skipped = new ArrayList<>();
        Map<String, TensorData> tensors = readDirectory(dir, skipped);
        return new FloatTensors(tensors, List.copyOf(skipped));
    }

    /** @param skipped where to list skipped integer buffers, or null to reject them */
    private static Map<String, TensorData> readDirectory(Path dir, List<String> skipped) throws IOException {
        if (Files.isRegularFile(dir)) {
            return dir.getFileName().toString().endsWith(".json") ? readIndex(dir, skipped) : read(dir, n -> true, skipped);
        }
        if (!Files.isDirectory(dir)) {
            throw new CheckpointFormatException(dir + ": no such checkpoint directory");
        }
        Path index = dir.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return readIndex(index, skipped);
        }
        Path single = dir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return read(single, n -> true, skipped);
        }
        List<Path> candidates = new ArrayList<>();
        try (var stream = Files.list(dir)) {
            stream.filter(p -> p.getFileName().toString().endsWith(".safetensors")).forEach(candidates::add);
        }
        if (candidates.size() == 1) {
            return read(candidates.get(0), n -> true, skipped);
        }
        throw new CheckpointFormatException(dir + ": no " + INDEX_FILE + " or " + SINGLE_FILE
                + (candidates.isEmpty() ? " and no *.safetensors file" : ", and several *.safetensors files " + candidates));
    }

    /**
     * Reads a sharded checkpoint from its index ({@code weight_map}: tensor name → shard file name, relative to the
     * index). Result order: shards in order of first appearance in the weight map, header order inside a shard.
     * Fails if the index names a tensor its shard lacks, or a tensor appears in two shards.
     */
    public static Map<String, TensorData> readIndex(Path indexFile) throws IOException {
        return readIndex(indexFile, null);
    }

    private static Map<String, TensorData> readIndex(Path indexFile, List<String> skipped) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(indexFile.toFile());
        } catch (IOException e) {
            throw new CheckpointFormatException(indexFile + ": invalid JSON index: " + jsonMessage(e), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new CheckpointFormatException(indexFile + ": no \"weight_map\" object");
        }
        Map<String, List<String>> byShard = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointFormatException(indexFile + ": weight_map[\"" + e.getKey() + "\"] is not a file name");
            }
            byShard.computeIfAbsent(e.getValue().asText(), k -> new ArrayList<>()).add(e.getKey());
        }
        Path base = indexFile.toAbsolutePath().getParent();
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> shard : byShard.entrySet()) {
            Path file = base.resolve(shard.getKey()).normalize();
            if (!file.startsWith(base)) {
                // a weight map pointing outside the checkpoint directory is corrupt or hostile
                throw new CheckpointFormatException(indexFile + ": shard \"" + shard.getKey() + "\" lies outside " + base);
            }
            if (!Files.isRegularFile(file)) {
                throw new CheckpointFormatException(indexFile + ": shard file " + file + " is missing");
            }
            Map<String, TensorData> tensors = read(file, n -> true, skipped);
            for (String name : shard.getValue()) {
                if (!tensors.containsKey(name) && (skipped == null || skipped.stream().noneMatch(s -> s.startsWith(name + " (")))) {
                    throw new CheckpointFormatException(indexFile + ": tensor '" + name + "' is mapped to " + shard.getKey()
                            + " but that file does not contain it");
                }
            }
            for (Map.Entry<String, TensorData> t : tensors.entrySet()) {
                if (out.putIfAbsent(t.getKey(), t.getValue()) != null) {
                    throw new CheckpointFormatException(indexFile + ": tensor '" + t.getKey() + "' appears in more than one shard");
                }
            }
        }
        return out;
    }

    /** Reads every tensor of one safetensors file, converted to float32, in header order. */
    public static Map<String, TensorData> read(Path file) throws IOException {
        return read(file, name -> true);
    }

    /** Reads the tensors whose names pass {@code wanted}; the others are never touched (cheap partial loads). */
    public static Map<String, TensorData> read(Path file, Predicate<String> wanted) throws IOException {
        return read(file, wanted, null);
    }

    private static Map<String, TensorData> read(Path file, Predicate<String> wanted, List<String> skipped)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, channel);
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (Entry e : header.entries().values()) {
                if (!wanted.test(e.name())) {
                    continue;
                }
                if (skipped != null && INTEGER_DTYPES.contains(e.dtype())) {
                    skipped.add(e.name() + " (" + e.dtype() + ")");
                    continue;
                }
                FloatCodec.Kind kind = kindOf(file, e);
                int count = FloatCodec.elementCount(e.shape(), file + ": tensor '" + e.name() + "'");
                float[] data = new float[count];
                FloatCodec.read(channel, e.begin(), kind, data);
                out.put(e.name(), new TensorData(e.name(), e.shape(), data));
            }
            return out;
        }
    }

    /** The {@code __metadata__} string map of a file (empty if absent). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel).metadata();
        }
    }

    /** The header entries (name, dtype, shape, absolute byte range) without reading any data. */
    public static Map<String, Entry> entries(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel).entries();
        }
    }

    private static FloatCodec.Kind kindOf(Path file, Entry e) throws IOException {
        return switch (e.dtype()) {
            case "F32" -> FloatCodec.Kind.F32;
            case "F16" -> FloatCodec.Kind.F16;
            case "BF16" -> FloatCodec.Kind.BF16;
            default -> throw new CheckpointFormatException(file + ": tensor '" + e.name() + "' has dtype " + e.dtype()
                    + ", which this reader does not support (supported: F32, F16, BF16)");
        };
    }

    private static int dtypeBytes(String dtype) {
        return switch (dtype) {
            case "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3" -> 1;
            case "I16", "U16", "F16", "BF16" -> 2;
            case "I32", "U32", "F32" -> 4;
            case "I64", "U64", "F64" -> 8;
            default -> -1;
        };
    }

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new CheckpointFormatException(file + ": truncated safetensors file: " + size + " bytes, no header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lenBuf, 0);
        long headerLen = lenBuf.getLong(0);
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(file + ": corrupt safetensors file: header length " + Long.toUnsignedString(headerLen)
                    + " is not in (0, " + MAX_HEADER_BYTES + "]");
        }
        if (8 + headerLen > size) {
            throw new CheckpointFormatException(file + ": truncated safetensors file: header of " + headerLen
                    + " bytes does not fit a file of " + size + " bytes");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(channel, headerBuf, 8);
        byte[] headerBytes = headerBuf.array();
        JsonNode root;
        try {
            root = JSON.readTree(headerBytes);
        } catch (IOException e) {
            throw new CheckpointFormatException(file + ": corrupt safetensors header (invalid JSON): " + jsonMessage(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointFormatException(file + ": corrupt safetensors header: not a JSON object: "
                    + abbreviate(new String(headerBytes, StandardCharsets.UTF_8)));
        }
        long dataStart = 8 + headerLen;
        long dataBytes = size - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = Collections.emptyMap();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (METADATA_KEY.equals(name)) {
                metadata = parseMetadata(file, node);
                continue;
            }
            String where = file + ": tensor '" + name + "'";
            JsonNode dtype = node.get("dtype");
            JsonNode shape = node.get("shape");
            JsonNode offsets = node.get("data_offsets");
            if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                    || !offsets.isArray() || offsets.size() != 2) {
                throw new CheckpointFormatException(where + ": corrupt header entry (needs dtype, shape, data_offsets[2]): " + node);
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                if (!shape.get(i).canConvertToLong() || !shape.get(i).isIntegralNumber() || shape.get(i).asLong() < 0) {
                    throw new CheckpointFormatException(where + ": invalid shape " + shape);
                }
                dims[i] = shape.get(i).asLong();
            }
            if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
                throw new CheckpointFormatException(where + ": invalid data_offsets " + offsets);
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin) {
                throw new CheckpointFormatException(where + ": invalid data_offsets " + offsets);
            }
            if (end > dataBytes) {
                throw new CheckpointFormatException(where + ": truncated safetensors file: data ends at byte " + (dataStart + end)
                        + " but the file has " + size + " bytes");
            }
            int elemBytes = dtypeBytes(dtype.asText());
            if (elemBytes > 0) {
                long numel = 1;
                try {
                    for (long d : dims) {
                        numel = Math.multiplyExact(numel, d);
                    }
                    numel = Math.multiplyExact(numel, (long) elemBytes) / elemBytes;
                } catch (ArithmeticException overflow) {
                    throw new CheckpointFormatException(where + ": invalid shape " + shape + " (size overflows)");
                }
                if (numel * elemBytes != end - begin) {
                    throw new CheckpointFormatException(where + ": corrupt header: shape " + shape + " of " + dtype.asText() + " needs "
                            + numel * elemBytes + " bytes, data_offsets give " + (end - begin));
                }
            }
            entries.put(name, new Entry(name, dtype.asText(), dims, dataStart + begin, dataStart + end));
        }
        requireContiguous(file, entries.values(), dataStart, size);
        return new Header(entries, metadata);
    }

    /**
     * The data section must be tiled exactly, as the reference implementation demands: overlapping tensors would
     * alias each other's bytes, and a gap means an offset is wrong.
     */
    private static void requireContiguous(Path file, Collection<Entry> entries, long dataStart, long fileSize)
            throws IOException {
        List<Entry> byBegin = new ArrayList<>(entries);
        byBegin.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Entry previous = null;
        long cursor = dataStart;
        for (Entry e : byBegin) {
            if (e.begin() < cursor) {
                throw new CheckpointFormatException(file + ": tensor '" + e.name() + "': data_offsets overlap tensor '"
                        + previous.name() + "' (" + (cursor - e.begin()) + " bytes shared)");
            }
            if (e.begin() > cursor) {
                throw new CheckpointFormatException(file + ": tensor '" + e.name() + "': " + (e.begin() - cursor)
                        + " unused bytes before its data_offsets" + (previous == null ? "" : " (after tensor '"
                        + previous.name() + "')"));
            }
            cursor = e.end();
            previous = e;
        }
        if (previous != null && cursor != fileSize) {
            throw new CheckpointFormatException(file + ": " + (fileSize - cursor) + " bytes after the last tensor ('"
                    + previous.name() + "')");
        }
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new CheckpointFormatException(file + ": __metadata__ is not an object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointFormatException(file + ": __metadata__[\"" + e.getKey() + "\"] is not a string");
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(m);
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static String jsonMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
