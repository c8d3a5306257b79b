package org.rosebench.harness.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rosebench.core.data.DataFiles;

/** Content hashes: canonical JSON (sorted keys, compact) for cell keys and configs, SHA-256 for data files. */
final class Hashing {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Map<String, String> FILE_HASHES = new ConcurrentHashMap<>();

    private Hashing() {}

    /** Sorted-key compact JSON: the same content always gives the same bytes. */
    static String canonical(JsonNode node) {
        try {
            Object plain = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** First 16 hex digits of SHA-256: 64 bits, ample for the cells of any matrix. */
    static String shortHash(String text) {
        return sha256(text).substring(0, 16);
    }

    /** {@link DataFiles#contentSha256} (gzip-transparent), memoised per path, size and modification time. */
    static String fileSha256(Path file) {
        try {
            String memo = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file);
            return FILE_HASHES.computeIfAbsent(memo, k -> {
                try {
                    return DataFiles.contentSha256(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
