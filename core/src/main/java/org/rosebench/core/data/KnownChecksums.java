package org.rosebench.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The published SHA-256 of every data file rose-bench knows (resource {@code checksums.tsv}): the files bundled in
 * {@code data/} and the official files that {@code data fetch} installs where a checksum is known. Paths are
 * relative to a data root, without {@code .gz}.
 */
public final class KnownChecksums {

    /** One known file. */
    public record Entry(String path, String sha256, int rows, String kind) {}

    /** What a file on disk is, compared with its published checksum. */
    public enum Verdict { VERIFIED, MISMATCH, UNKNOWN }

    private static final String RESOURCE = "checksums.tsv";
    private static volatile KnownChecksums instance;

    private final Map<String, Entry> byPath;

    private KnownChecksums(Map<String, Entry> byPath) {
        this.byPath = byPath;
    }

    public static KnownChecksums load() {
        KnownChecksums k = instance;
        if (k == null) {
            k = read();
            instance = k;
        }
        return k;
    }

    public Map<String, Entry> entries() {
        return byPath;
    }

    /** The entry for a path relative to a data root ({@code glue/SST-2/train.tsv}, {@code .gz} ignored). */
    public Optional<Entry> lookup(String relativePath) {
        String key = relativePath.replace('\\', '/');
        if (key.endsWith(DataFiles.GZIP_SUFFIX)) {
            key = key.substring(0, key.length() - DataFiles.GZIP_SUFFIX.length());
        }
        return Optional.ofNullable(byPath.get(key));
    }

    /** Hashes {@code file} (decompressed) and compares it with the checksum published for its path under {@code root}. */
    public Verdict verify(Path root, Path file) throws IOException {
        Optional<Entry> e = lookup(root.relativize(file).toString());
        if (e.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        return e.get().sha256().equals(DataFiles.contentSha256(file)) ? Verdict.VERIFIED : Verdict.MISMATCH;
    }

    private static KnownChecksums read() {
        Map<String, Entry> map = new LinkedHashMap<>();
        try (InputStream in = KnownChecksums.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from rose-bench-core");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4 || f[1].length() != 64) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": expected path, sha256, rows, kind");
                }
                map.put(f[0], new Entry(f[0], f[1], Integer.parseInt(f[2]), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownChecksums(java.util.Collections.unmodifiableMap(map));
    }
}
