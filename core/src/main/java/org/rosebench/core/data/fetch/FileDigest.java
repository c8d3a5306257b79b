package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import org.rosebench.core.data.DataException;

/** The byte count and SHA-256 of some content, as checked against the catalogue. */
public record FileDigest(long bytes, String sha256) {

    /** Size and hash of a file's bytes as stored. */
    public static FileDigest of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e, e);
        }
    }

    /** Size and hash of a gzip file's decompressed bytes. */
    public static FileDigest ofGunzipped(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return of(in);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e, e);
        }
    }

    static FileDigest of(InputStream in) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            digest.update(buf, 0, n);
            total += n;
        }
        return new FileDigest(total, Sha256.hex(digest));
    }

    /** Whether this matches a pinned size and hash; a null pin matches anything. */
    boolean matches(Long pinnedBytes, String pinnedSha256) {
        return (pinnedBytes == null || pinnedBytes == bytes) && (pinnedSha256 == null || pinnedSha256.equals(sha256));
    }

    @Override
    public String toString() {
        return bytes + " bytes, sha256 " + sha256;
    }
}
