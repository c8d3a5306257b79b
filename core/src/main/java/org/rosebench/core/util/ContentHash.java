package org.rosebench.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * SHA-256 over the files of a model directory (names and bytes, in name order), so that two directories with the
 * same weights, config and tokenizer have the same identity wherever they are. Metadata that changes with every
 * save ({@code rose_bench.json}: provenance and timestamps) is left out.
 */
public final class ContentHash {

    /** Files that describe a checkpoint's history rather than its content. */
    public static final Set<String> METADATA = Set.of("rose_bench.json", ".complete");

    private ContentHash() {}

    public static String ofDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> sorted = files.filter(Files::isRegularFile)
                    .filter(f -> !METADATA.contains(f.getFileName().toString()))
                    .sorted().toList();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : sorted) {
                md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                }
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
