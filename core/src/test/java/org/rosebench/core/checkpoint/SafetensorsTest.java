package org.rosebench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    private static TensorData t(String name, long[] shape, float... data) {
        return new TensorData(name, shape, data);
    }

    /** A safetensors file built byte by byte, independent of the writer under test. */
    private static byte[] handMade(String headerJson, byte[] data) {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(data);
        return b.array();
    }

    private static byte[] shortsLe(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    @Test
    void roundTripKeepsValuesShapesAndMetadata() throws IOException {
        Path file = dir.resolve("model.safetensors");
        List<TensorData> in = List.of(
                t("z.weight", new long[] {2, 3}, 1f, -2f, 3.5f, Float.MIN_VALUE, Float.MAX_VALUE, -0f),
                t("a.bias", new long[] {3}, 0.1f, 0.2f, Float.NaN),
                t("scalar", new long[] {}, 42f),
                t("empty", new long[] {0, 4}));
        SafetensorsWriter.write(file, in, Map.of("format", "pt", "b", "x"));

        Map<String, TensorData> out = SafetensorsReader.read(file);
        // HF order: tensors sorted by name, data in the same order
        assertEquals(List.of("a.bias", "empty", "scalar", "z.weight"), new ArrayList<>(out.keySet()));
        for (TensorData expected : in) {
            TensorData got = out.get(expected.name());
            assertArrayEquals(expected.shape(), got.shape(), expected.name());
            assertArrayEquals(expected.data(), got.data(), expected.name());
        }
        assertEquals(Map.of("format", "pt", "b", "x"), SafetensorsReader.metadata(file));

        byte[] bytes = Files.readAllBytes(file);
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"b\":\"x\",\"format\":\"pt\"},\"a.bias\":{\"dtype\":\"F32\""),
                header);
        assertEquals(header.stripTrailing(), header.trim());
        assertEquals(8 + headerLen + 4 * (6 + 3 + 1), bytes.length);
    }

    @Test
    void readsOnlyWantedTensors() throws IOException {
        Path file = dir.resolve("m.safetensors");
        SafetensorsWriter.write(file, List.of(t("a", new long[] {1}, 1f), t("b", new long[] {1}, 2f)));
        assertEquals(List.of("b"), new ArrayList<>(SafetensorsReader.read(file, "b"::equals).keySet()));
        assertEquals("F32", SafetensorsReader.entries(file).get("a").dtype());
        assertEquals(Map.of(), SafetensorsReader.metadata(file));
    }

    @Test
    void decodesF16AndBf16() throws IOException {
        byte[] f16 = shortsLe(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x7C00, 0xFC00, 0x8000, 0x3555, 0x7E00);
        byte[] bf16 = shortsLe(0x3F80, 0x4049, 0xC2F7, 0x7F80, 0x0001, 0x7FC0);
        byte[] data = ByteBuffer.allocate(f16.length + bf16.length).put(f16).put(bf16).array();
        // header order deliberately not sorted: the reader must keep it
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[11],\"data_offsets\":[0,22]},"
                + "\"__metadata__\":{\"k\":\"v\"},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[22,34]}}";
        Path file = dir.resolve("half.safetensors");
        Files.write(file, handMade(header, data));

        Map<String, TensorData> out = SafetensorsReader.read(file);
        assertEquals(List.of("h", "b"), new ArrayList<>(out.keySet()));
        float[] h = out.get("h").data();
        assertEquals(1.0f, h[0]);
        assertEquals(-2.0f, h[1]);
        assertEquals(65504f, h[2]);
        assertEquals(0x1p-24f, h[3]);              // smallest subnormal
        assertEquals(1023 * 0x1p-24f, h[4]);        // largest subnormal
        assertEquals(0x1p-14f, h[5]);               // smallest normal
        assertEquals(Float.POSITIVE_INFINITY, h[6]);
        assertEquals(Float.NEGATIVE_INFINITY, h[7]);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(h[8]));
        assertEquals(0.333251953125f, h[9]);        // 0x3555 = 1365/4096
        assertTrue(Float.isNaN(h[10]));
        TensorData b = out.get("b");
        assertArrayEquals(new long[] {2, 3}, b.shape());
        assertEquals(1.0f, b.data()[0]);
        assertEquals(3.140625f, b.data()[1]);
        assertEquals(-123.5f, b.data()[2]);
        assertEquals(Float.POSITIVE_INFINITY, b.data()[3]);
        assertEquals(0x1p-133f, b.data()[4]);       // bf16 subnormal = float32 subnormal
        assertTrue(Float.isNaN(b.data()[5]));
        assertEquals(Map.of("k", "v"), SafetensorsReader.metadata(file));
    }

    @Test
    void f16ConversionIsExactForEveryFiniteValue() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            int exp = (bits >>> 10) & 0x1F;
            int mant = bits & 0x3FF;
            if (exp == 0x1F) {
                assertEquals(mant == 0, Float.isInfinite(FloatCodec.f16ToFloat(bits)), Integer.toHexString(bits));
                assertEquals(mant != 0, Float.isNaN(FloatCodec.f16ToFloat(bits)), Integer.toHexString(bits));
                continue;
            }
            // independent formula, in double
            double magnitude = exp == 0 ? Math.scalb((double) mant, -24) : Math.scalb(1024.0 + mant, exp - 25);
            double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
            assertEquals((float) expected, FloatCodec.f16ToFloat(bits), "bits 0x" + Integer.toHexString(bits));
            assertEquals(Float.floatToRawIntBits((float) expected), Float.floatToRawIntBits(FloatCodec.f16ToFloat(bits)));
        }
    }

    @Test
    void unsupportedDtypeNamesFileAndTensor() throws IOException {
        Path file = dir.resolve("ints.safetensors");
        Files.write(file, handMade("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]));
        IOException e = assertThrows(IOException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'ids'")
                && e.getMessage().contains("I64"), e.getMessage());
        // header-only operations still work on such a file
        assertEquals("I64", SafetensorsReader.entries(file).get("ids").dtype());
    }

    @Test
    void truncatedAndCorruptFilesAreReportedWithFileAndReason() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, List.of(t("w", new long[] {4, 4}, new float[16])));
        long size = Files.size(file);

        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) size - 10));
        IOException e = assertThrows(IOException.class, () -> SafetensorsReader.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().contains("'w'"), e.getMessage());

        Path headerCut = dir.resolve("headercut.safetensors");
        Files.write(headerCut, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
        e = assertThrows(IOException.class, () -> SafetensorsReader.read(headerCut));
        assertTrue(e.getMessage().contains(headerCut.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        e = assertThrows(IOException.class, () -> SafetensorsReader.read(tiny));
        assertTrue(e.getMessage().contains(tiny.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path badLen = dir.resolve("badlen.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] = 0x7F; // absurd header length
        Files.write(badLen, bytes);
        e = assertThrows(IOException.class, () -> SafetensorsReader.read(badLen));
        assertTrue(e.getMessage().contains(badLen.toString()) && e.getMessage().contains("header length"), e.getMessage());

        Path badJson = dir.resolve("badjson.safetensors");
        bytes = Files.readAllBytes(file);
        bytes[8] = '['; // header no longer valid JSON
        Files.write(badJson, bytes);
        e = assertThrows(IOException.class, () -> SafetensorsReader.read(badJson));
        assertTrue(e.getMessage().contains(badJson.toString()) && e.getMessage().contains("JSON"), e.getMessage());

        Path badShape = dir.resolve("badshape.safetensors");
        Files.write(badShape, handMade("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]));
        e = assertThrows(IOException.class, () -> SafetensorsReader.read(badShape));
        assertTrue(e.getMessage().contains(badShape.toString()) && e.getMessage().contains("needs 12 bytes"), e.getMessage());
    }

    @Test
    void shardedCheckpointThroughIndex() throws IOException {
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"),
                List.of(t("a", new long[] {2}, 1f, 2f), t("b", new long[] {1}, 3f)));
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"),
                List.of(t("c", new long[] {1, 1}, 4f)));
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{\"total_size\":16},"
                + "\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00001-of-00002.safetensors\","
                + "\"c\":\"model-00002-of-00002.safetensors\"}}");
        Map<String, TensorData> out = SafetensorsReader.readDirectory(dir);
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(out.keySet()));
        assertArrayEquals(new float[] {4f}, out.get("c").data());
        assertArrayEquals(new long[] {1, 1}, out.get("c").shape());

        // an index naming a tensor its shard lacks is an error that names the tensor
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"a\":\"model-00002-of-00002.safetensors\"}}");
        IOException e = assertThrows(IOException.class, () -> SafetensorsReader.readDirectory(dir));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());

        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"a\":\"missing.safetensors\"}}");
        e = assertThrows(IOException.class, () -> SafetensorsReader.readDirectory(dir));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void readDirectoryFindsSingleFile() throws IOException {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), List.of(t("x", new long[] {1}, 5f)));
        assertArrayEquals(new float[] {5f}, SafetensorsReader.readDirectory(dir).get("x").data());
        assertThrows(IOException.class, () -> SafetensorsReader.readDirectory(dir.resolve("nope")));
    }

    @Test
    void atomicWriteLeavesNoTempFileAndReplaces() throws IOException {
        Path file = dir.resolve("out.safetensors");
        SafetensorsWriter.write(file, List.of(t("x", new long[] {2}, 1f, 2f)));
        SafetensorsWriter.write(file, List.of(t("y", new long[] {1}, 3f)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(List.of("y"), new ArrayList<>(SafetensorsReader.read(file).keySet()));

        // a refused write leaves the previous file intact and no temp file
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(file,
                List.of(t("d", new long[] {1}, 1f), t("d", new long[] {1}, 2f))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertFalse(SafetensorsReader.read(file).isEmpty());
    }

    @Test
    void readsTensorsSpanningSeveralMappedChunks() throws IOException {
        // files > 2 GB are read by mapping each tensor, and huge tensors chunk by chunk; a 4 KB chunk size
        // exercises the chunk loop on a tensor that starts at an offset that is not chunk-aligned
        Path file = dir.resolve("offset.safetensors");
        float[] big = new float[300_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f;
        }
        SafetensorsWriter.write(file, List.of(t("a", new long[] {3}, 1f, 2f, 3f), t("b", new long[] {big.length}, big)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsReader.Entry e = SafetensorsReader.entries(file).get("b");
            assertTrue(e.begin() % 4096 != 0);
            float[] out = new float[big.length];
            FloatCodec.read(ch, e.begin(), FloatCodec.Kind.F32, out, 4096);
            assertArrayEquals(big, out);
        }
        assertArrayEquals(big, SafetensorsReader.read(file).get("b").data());
    }
}
