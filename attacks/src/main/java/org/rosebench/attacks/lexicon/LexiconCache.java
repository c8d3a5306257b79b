package org.rosebench.attacks.lexicon;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.rosebench.core.util.Cache;

/**
 * Files derived from lexical resources live in {@code <rose cache>/lexicon/} ({@code rose.cache.dir}, else
 * {@code $ROSE_BENCH_CACHE}, else {@code ~/.cache/rose-bench}), named by a hash of everything they depend on, and
 * written atomically (temporary file in the same directory, then rename), so concurrent builders never see a
 * half-written file.
 */
public final class LexiconCache {

    private LexiconCache() {}

    /** The cache directory, created if needed. */
    public static Path dir() {
        return Cache.dir("lexicon");
    }

    /** 16 hex digits of SHA-256 over the parts (NUL-separated). */
    public static String key(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a cache file. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} through a temporary file in its directory and renames it into place. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = org.rosebench.core.util.Cache.tempSibling(target); // created below with the umask, not 0600
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), 1 << 16)) {
                writer.write(out);
            }
            Cache.moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void log(String format, Object... args) {
        System.err.println("[rose-bench] lexicon: " + String.format(format, args));
    }
}
