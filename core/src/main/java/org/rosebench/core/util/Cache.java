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

    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Work that may throw an IOException. */
    @FunctionalInterface
    public interface IoWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} holding an exclusive lock on {@code lockFile}: across processes an OS file lock (fcntl, which
     * NFS supports through its lock manager), within this JVM a plain lock (the OS lock is per process). Used for
     * cache entries that several processes may try to create at once.
     */
    public static <T> T withLock(Path lockFile, IoWork<T> work) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        java.util.concurrent.locks.ReentrantLock local = LOCKS.computeIfAbsent(key, k -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(key,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock ignored = ch.lock()) {
            return work.run();
        } finally {
            local.unlock();
        }
    }

    /**
     * A fresh sibling name for a temporary file or directory next to {@code target}. Unlike
     * {@code Files.createTemp*}, which make owner-only (0600/0700) entries, files created under this name get the
     * process umask, so a group sharing run directories and caches can read them.
     */
    public static Path tempSibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
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
