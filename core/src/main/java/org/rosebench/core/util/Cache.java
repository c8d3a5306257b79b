package org.rosebench.core.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rose-bench cache ({@code $ROSE_BENCH_CACHE}, property {@code rose.cache.dir}, default
 * {@code ~/.cache/rose-bench}): converted model directories and derived tokenizers live here, outside
 * {@code target/}, so clean builds do not redo them.
 */
public final class Cache {

    private Cache() {}

    public static Path root() {
        String p = System.getProperty("rose.cache.dir");
        if (p == null || p.isBlank()) {
            p = System.getenv("ROSE_BENCH_CACHE");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "rose-bench");
        }
        return Path.of(p);
    }

    public static Path dir(String name) {
        Path d = root().resolve(name);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache directory " + d + ": " + e.getMessage(), e);
        }
        return d;
    }

    /** Short content hash of a file (sha-256, 16 hex digits). */
    public static String key(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renames {@code from} onto {@code to} atomically; a concurrent winner is accepted for directories. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // another process finished the same conversion first: keep theirs
            Files.walk(from).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
