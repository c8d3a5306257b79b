package org.rosebench.core.checkpoint;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * Reads a TensorFlow checkpoint bundle ({@code <prefix>.index} + {@code <prefix>.data-NNNNN-of-MMMMM}) such as
 * Google's original BERT checkpoints or the variables of a SavedModel, without TensorFlow.
 *
 * <p>The index is a LevelDB-format sorted table (uncompressed): a 48-byte footer points at an index block whose
 * values point at data blocks; data-block entries map variable names to {@code BundleEntryProto} records
 * (dtype, shape, shard, offset, size, masked crc32c) locating each tensor's raw little-endian bytes in a data
 * shard. The entry under the empty key is the {@code BundleHeaderProto}.
 *
 * <p>Floating-point variables (float32, and float16/bfloat16/float64 converted to float32) are returned;
 * integer, bool and string variables (e.g. {@code global_step}, TF2's object graph) are not weights and are
 * skipped, logged once in a single listing. Partitioned (sliced) variables are rejected with the variable named.
 */
public final class TfCheckpointReader {

    private static final System.Logger LOG = System.getLogger(TfCheckpointReader.class.getName());

    static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_SIZE = 48;
    static final int BLOCK_TRAILER_SIZE = 5;

    /** TensorFlow DataType enum values (types.proto) this reader names or converts. */
    static final int DT_FLOAT = 1, DT_DOUBLE = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 5, DT_INT8 = 6,
            DT_STRING = 7, DT_COMPLEX64 = 8, DT_INT64 = 9, DT_BOOL = 10, DT_BFLOAT16 = 14, DT_HALF = 19,
            DT_RESOURCE = 20, DT_VARIANT = 21;

    /**
     * One variable of the bundle as described by its index entry.
     *
     * @param crc32c the masked CRC32C of the tensor bytes as TF stores it (0 if absent)
     * @param sliced whether the variable is partitioned into slices (not supported)
     */
    public record Entry(String name, int dtype, long[] shape, int shardId, long offset, long size, int crc32c,
                        boolean sliced) {
        public String dtypeName() {
            return TfCheckpointReader.dtypeName(dtype);
        }

        public boolean isFloatingPoint() {
            return kindOf(dtype) != null;
        }

        @Override
        public String toString() {
            return name + " " + dtypeName() + " " + Arrays.toString(shape);
        }
    }

    /** The bundle header plus the variable entries in index (sorted-key) order. */
    public record Bundle(Path indexFile, int numShards, Map<String, Entry> entries) {}

    private TfCheckpointReader() {}

    /** Reads all floating-point variables as float32, keyed by TF variable name, in index (sorted) order. */
    public static Map<String, TensorData> read(Path indexFile) throws IOException {
        return read(indexFile, name -> true);
    }

    /** Reads the floating-point variables whose names pass {@code wanted}. */
    public static Map<String, TensorData> read(Path indexFile, Predicate<String> wanted) throws IOException {
        Bundle bundle = readIndex(indexFile);
        List<String> skipped = new ArrayList<>();
        Map<String, TensorData> out = new LinkedHashMap<>();
        FileChannel[] shards = new FileChannel[bundle.numShards()];
        try {
            for (Entry e : bundle.entries().values()) {
                if (!wanted.test(e.name())) {
                    continue;
                }
                FloatCodec.Kind kind = kindOf(e.dtype());
                if (kind == null) {
                    skipped.add(e.toString());
                    continue;
                }
                out.put(e.name(), readTensor(bundle, e, kind, shards));
            }
        } finally {
            for (FileChannel c : shards) {
                if (c != null) {
                    c.close();
                }
            }
        }
        if (!skipped.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, () -> indexFile + ": skipped " + skipped.size()
                    + " non-floating-point variable(s): " + String.join(", ", skipped));
        }
        return out;
    }

    /** Parses the index (header and all entries) without touching the data shards. */
    public static Bundle readIndex(Path indexFile) throws IOException {
        byte[] file = Files.readAllBytes(indexFile);
        String where = indexFile.toString();
        if (file.length < FOOTER_SIZE) {
            throw new CheckpointFormatException(where + ": not a TF checkpoint index: " + file.length + " bytes, shorter than the "
                    + FOOTER_SIZE + "-byte table footer");
        }
        long magic = fixed64(file, file.length - 8);
        if (magic != TABLE_MAGIC) {
            throw new CheckpointFormatException(where + ": not a TF checkpoint index (bad table magic 0x" + Long.toHexString(magic)
                    + ", want 0x" + Long.toHexString(TABLE_MAGIC) + "); truncated or not an SSTable");
        }
        int[] pos = {file.length - FOOTER_SIZE};
        varint64(file, pos, where); // metaindex handle: TF writes no filters, so it is not needed
        varint64(file, pos, where);
        long indexOffset = varint64(file, pos, where);
        long indexSize = varint64(file, pos, where);

        Map<String, Entry> entries = new LinkedHashMap<>();
        int numShards = -1;
        for (byte[][] indexKv : blockEntries(file, indexOffset, indexSize, where, "index block")) {
            int[] hp = {0};
            long dataOffset = varint64(indexKv[1], hp, where);
            long dataSize = varint64(indexKv[1], hp, where);
            for (byte[][] kv : blockEntries(file, dataOffset, dataSize, where, "data block at " + dataOffset)) {
                String key = new String(kv[0], StandardCharsets.UTF_8);
                if (key.isEmpty()) {
                    numShards = parseHeader(kv[1], where);
                } else {
                    entries.put(key, parseEntry(key, kv[1], where));
                }
            }
        }
        if (numShards < 0) {
            throw new CheckpointFormatException(where + ": no bundle header (empty key) in the index");
        }
        for (Entry e : entries.values()) {
            if (e.shardId() < 0 || e.shardId() >= numShards) {
                throw new CheckpointFormatException(where + ": variable '" + e.name() + "' is in shard " + e.shardId()
                        + " but the header declares " + numShards + " shard(s)");
            }
        }
        return new Bundle(indexFile, numShards, entries);
    }

    /** The data shard file of a bundle: {@code <prefix>.data-%05d-of-%05d}, prefix = index path minus ".index". */
    public static Path shardFile(Path indexFile, int shard, int numShards) {
        String name = indexFile.getFileName().toString();
        String prefix = name.endsWith(".index") ? name.substring(0, name.length() - ".index".length()) : name;
        return indexFile.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix, shard, numShards));
    }

    static String dtypeName(int dtype) {
        return switch (dtype) {
            case DT_FLOAT -> "float32";
            case DT_DOUBLE -> "float64";
            case DT_INT32 -> "int32";
            case DT_UINT8 -> "uint8";
            case DT_INT16 -> "int16";
            case DT_INT8 -> "int8";
            case DT_STRING -> "string";
            case DT_COMPLEX64 -> "complex64";
            case DT_INT64 -> "int64";
            case DT_BOOL -> "bool";
            case DT_BFLOAT16 -> "bfloat16";
            case DT_HALF -> "float16";
            case DT_RESOURCE -> "resource";
            case DT_VARIANT -> "variant";
            default -> "dtype#" + dtype;
        };
    }

    private static FloatCodec.Kind kindOf(int dtype) {
        return switch (dtype) {
            case DT_FLOAT -> FloatCodec.Kind.F32;
            case DT_HALF -> FloatCodec.Kind.F16;
            case DT_BFLOAT16 -> FloatCodec.Kind.BF16;
            case DT_DOUBLE -> FloatCodec.Kind.F64;
            default -> null;
        };
    }

    private static TensorData readTensor(Bundle bundle, Entry e, FloatCodec.Kind kind, FileChannel[] shards)
            throws IOException {
        String where = bundle.indexFile() + ": variable '" + e.name() + "'";
        if (e.sliced()) {
            throw new CheckpointFormatException(where + " is a partitioned (sliced) variable, which this reader does not support");
        }
        int count = FloatCodec.elementCount(e.shape(), where);
        if ((long) count * kind.bytes != e.size()) {
            throw new CheckpointFormatException(where + ": shape " + Arrays.toString(e.shape()) + " of " + e.dtypeName() + " needs "
                    + (long) count * kind.bytes + " bytes but the entry says " + e.size());
        }
        Path shardPath = shardFile(bundle.indexFile(), e.shardId(), bundle.numShards());
        FileChannel channel = shards[e.shardId()];
        if (channel == null) {
            if (!Files.isRegularFile(shardPath)) {
                throw new CheckpointFormatException(where + ": data shard " + shardPath + " is missing");
            }
            channel = shards[e.shardId()] = FileChannel.open(shardPath, StandardOpenOption.READ);
        }
        if (e.offset() < 0 || e.size() < 0 || e.offset() > channel.size() - e.size()) {
            throw new CheckpointFormatException(where + ": bytes [" + e.offset() + ", +" + e.size() + ") lie beyond the end of "
                    + shardPath + " (" + channel.size() + " bytes); truncated data file?");
        }
        float[] data = new float[count];
        if (count > 0) {
            FloatCodec.read(channel, e.offset(), kind, data);
            if (e.crc32c() != 0) {
                verifyCrc(channel, e, where, shardPath);
            }
        }
        return new TensorData(e.name(), e.shape(), data);
    }

    /** TF stores a masked CRC32C of each tensor's bytes; checking it catches corrupt or mismatched shards. */
    private static void verifyCrc(FileChannel channel, Entry e, String where, Path shardPath) throws IOException {
        CRC32C crc = new CRC32C();
        long done = 0;
        while (done < e.size()) {
            long chunk = Math.min(FloatCodec.MAX_MAP_BYTES, e.size() - done);
            crc.update(channel.map(FileChannel.MapMode.READ_ONLY, e.offset() + done, chunk));
            done += chunk;
        }
        int actual = mask((int) crc.getValue());
        if (actual != e.crc32c()) {
            throw new CheckpointFormatException(where + ": checksum mismatch in " + shardPath + " (crc32c 0x"
                    + Integer.toHexString(actual) + ", index says 0x" + Integer.toHexString(e.crc32c()) + ")");
        }
    }

    /** LevelDB/TF "masked" CRC: rotate right 15 and add a constant, so CRCs of CRC-bearing data stay distinct. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /**
     * Decodes one table block into key/value pairs: entries {varint32 shared, varint32 non_shared, varint32
     * value_length, key delta, value} with keys prefix-compressed against the previous key, followed by the
     * restart array (fixed32 offsets) and fixed32 num_restarts, then a 5-byte trailer (compression type, crc).
     */
    static List<byte[][]> blockEntries(byte[] file, long offset, long size, String where, String what)
            throws IOException {
        // compared by subtraction: offset + size can overflow a long when the handle is garbage
        long room = (long) file.length - FOOTER_SIZE - BLOCK_TRAILER_SIZE;
        if (offset < 0 || size < 4 || offset > room || size > room - offset) {
            throw new CheckpointFormatException(where + ": corrupt " + what + ": handle (offset " + offset + ", size " + size
                    + ") outside the " + file.length + "-byte index");
        }
        int start = (int) offset;
        int end = (int) (offset + size);
        int compression = file[end] & 0xFF;
        if (compression != 0) {
            throw new CheckpointFormatException(where + ": " + what + " uses compression type " + compression
                    + "; only uncompressed tables (type 0) are supported");
        }
        CRC32C crc = new CRC32C();
        crc.update(file, start, (int) size + 1); // covers contents and the type byte
        int storedCrc = (int) fixed32(file, end + 1);
        if (mask((int) crc.getValue()) != storedCrc) {
            throw new CheckpointFormatException(where + ": corrupt " + what + ": block checksum mismatch");
        }
        long numRestarts = fixed32(file, end - 4);
        long restartsStart = end - 4 - 4 * numRestarts;
        if (numRestarts < 1 || restartsStart < start) {
            throw new CheckpointFormatException(where + ": corrupt " + what + ": " + numRestarts + " restart points");
        }
        List<byte[][]> out = new ArrayList<>();
        byte[] prev = new byte[0];
        int[] pos = {start};
        while (pos[0] < restartsStart) {
            int shared = varint32(file, pos, where);
            int nonShared = varint32(file, pos, where);
            int valueLen = varint32(file, pos, where);
            if (shared > prev.length || (long) pos[0] + nonShared + valueLen > restartsStart) {
                throw new CheckpointFormatException(where + ": corrupt " + what + ": bad entry at byte " + pos[0]);
            }
            byte[] key = Arrays.copyOf(prev, shared + nonShared);
            System.arraycopy(file, pos[0], key, shared, nonShared);
            pos[0] += nonShared;
            byte[] value = Arrays.copyOfRange(file, pos[0], pos[0] + valueLen);
            pos[0] += valueLen;
            out.add(new byte[][] {key, value});
            prev = key;
        }
        return out;
    }

    /** BundleHeaderProto: num_shards (1), endianness (2; 0 = little), version (3). */
    private static int parseHeader(byte[] value, String where) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        int numShards = 0;
        int endianness = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> numShards = in.readInt32();
                case 2 -> endianness = in.readEnum();
                default -> in.skipField(tag);
            }
        }
        if (endianness != 0) {
            throw new CheckpointFormatException(where + ": big-endian checkpoint bundles are not supported");
        }
        if (numShards < 1) {
            throw new CheckpointFormatException(where + ": bundle header declares " + numShards + " shards");
        }
        return numShards;
    }

    /** BundleEntryProto: dtype (1), shape (2), shard_id (3), offset (4), size (5), crc32c (6, fixed32), slices (7). */
    private static Entry parseEntry(String name, byte[] value, String where) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        int dtype = 0;
        long[] shape = new long[0];
        int shardId = 0;
        long offset = 0;
        long size = 0;
        int crc = 0;
        boolean sliced = false;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> dtype = in.readEnum();
                    case 2 -> shape = parseShape(in.readBytes().newCodedInput());
                    case 3 -> shardId = in.readInt32();
                    case 4 -> offset = in.readInt64();
                    case 5 -> size = in.readInt64();
                    case 6 -> crc = in.readFixed32();
                    case 7 -> {
                        sliced = true;
                        in.skipField(tag);
                    }
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new CheckpointFormatException(where + ": corrupt index entry for '" + name + "': " + e.getMessage(), e);
        }
        return new Entry(name, dtype, shape, shardId, offset, size, crc, sliced);
    }

    /** TensorShapeProto: repeated Dim dim (2) with int64 size (1); unknown_rank (3). */
    private static long[] parseShape(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2) {
                CodedInputStream dim = in.readBytes().newCodedInput();
                long size = 0;
                for (int t = dim.readTag(); t != 0; t = dim.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) == 1) {
                        size = dim.readInt64();
                    } else {
                        dim.skipField(t);
                    }
                }
                dims.add(size);
            } else {
                in.skipField(tag);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    static long fixed64(byte[] b, int at) {
        return littleEndian(b, at, 8);
    }

    static long fixed32(byte[] b, int at) {
        return littleEndian(b, at, 4);
    }

    private static long littleEndian(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFFL);
        }
        return v;
    }

    static long varint64(byte[] b, int[] pos, String where) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new CheckpointFormatException(where + ": corrupt index: varint runs past the end");
            }
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw new CheckpointFormatException(where + ": corrupt index: varint longer than 10 bytes");
    }

    static int varint32(byte[] b, int[] pos, String where) throws IOException {
        long v = varint64(b, pos, where);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CheckpointFormatException(where + ": corrupt index: varint32 out of range");
        }
        return (int) v;
    }
}
