package org.rosebench.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rosebench.core.util.Cache;

/**
 * The identity of a pretrained model by content: SHA-256 over the files {@link HfDirectory} reads (config, weights,
 * tokenizer), not over its name or location, so a renamed copy is the same model and a changed weight is another.
 * Reading a large model takes seconds, so each file's hash is cached under {@code <cache>/model-hashes}, reused while
 * the file's size and modification time are unchanged.
 */
public final class ModelContent {

    /** Part of every hash: a change to which files count or how they are combined gives new identities. */
    static final String SCHEME = "model-content-v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelContent() {}

    /** The content hash of a model directory (64 hex digits). */
    public static String sha256(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            List<Path> files = contentFiles(abs);
            ObjectNode cached = readRecord(abs);
            ObjectNode record = JSON.createObjectNode().put("dir", abs.toString());
            ObjectNode hashes = record.putObject("files");
            boolean changed = false;
            for (Path f : files) {
                String name = f.getFileName().toString();
                String stamp = Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis();
                JsonNode old = cached.path("files").path(name);
                String sha = stamp.equals(old.path("stamp").asText()) ? old.path("sha256").asText() : null;
                if (sha == null) {
                    sha = fileSha256(f);
                    changed = true;
                }
                hashes.putObject(name).put("stamp", stamp).put("sha256", sha);
            }
            changed |= cached.path("files").size() != files.size();
            String content = combine(hashes);
            record.put("content_sha256", content);
            if (changed) {
                writeRecord(abs, record);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash model " + abs + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files that determine a model's behaviour: {@code config.json}, the safetensors weights (with a sharded
     * index) and the tokenizer ({@code tokenizer.json}, else {@code vocab.txt}), as {@link HfDirectory} reads them.
     */
    static List<Path> contentFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        require(dir.resolve("config.json"), out);
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".safetensors")
                    || p.getFileName().toString().equals("model.safetensors.index.json"))
                    .filter(Files::isRegularFile).sorted().forEach(out::add);
        }
        Path tokenizer = dir.resolve("tokenizer.json");
        require(Files.isRegularFile(tokenizer) ? tokenizer : dir.resolve("vocab.txt"), out);
        return out;
    }

    private static void require(Path file, List<Path> out) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file.getFileName() + " in " + file.getParent());
        }
        out.add(file);
    }

    /** SHA-256 over the scheme and the sorted {@code name sha256} lines of the content files. */
    private static String combine(JsonNode hashes) {
        StringBuilder text = new StringBuilder(SCHEME).append('\n');
        Map<String, String> sorted = new TreeMap<>();
        hashes.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().path("sha256").asText()));
        sorted.forEach((name, sha) -> text.append(name).append(' ').append(sha).append('\n'));
        return hex(digest().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String fileSha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return hex(md.digest());
    }

    /** The cache record of a directory, keyed by its absolute path. */
    static Path recordFile(Path absDir) {
        String name = hex(digest().digest(absDir.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        return Cache.dir("model-hashes").resolve(name + ".json");
    }

    private static ObjectNode readRecord(Path absDir) {
        Path f = recordFile(absDir);
        try {
            JsonNode n = Files.isRegularFile(f) ? JSON.readTree(f.toFile()) : null;
            // a record of another directory (hash collision of the path) or an unreadable one is ignored
            return n instanceof ObjectNode o && absDir.toString().equals(o.path("dir").asText()) ? o : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static void writeRecord(Path absDir, ObjectNode record) throws IOException {
        Path f = recordFile(absDir);
        Path tmp = Cache.tempSibling(f); // with the umask: group members share the cache
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record), java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        Cache.moveAtomically(tmp, f);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
