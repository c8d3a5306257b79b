package org.rosebench.core.data.fetch;

import org.rosebench.core.data.DataException;

/**
 * Downloaded content does not match the catalogue. The message names what was checked (the URL, or the URL and
 * archive entry), the expected and actual size and SHA-256, and that the bad file was deleted.
 */
public class ChecksumMismatchException extends DataException {

    private final String subject;
    private final Long expectedBytes;
    private final String expectedSha256;
    private final long actualBytes;
    private final String actualSha256;

    /**
     * @param subject        what was checked, e.g. the archive URL
     * @param expectedBytes  the pinned size, or null if none
     * @param expectedSha256 the pinned hash, or null if none
     * @param actual         what was found
     * @param deleted        what was removed from disk because of the mismatch
     */
    public ChecksumMismatchException(String subject, Long expectedBytes, String expectedSha256, FileDigest actual,
            String deleted) {
        super("checksum mismatch for " + subject + ": expected " + describe(expectedBytes, expectedSha256)
                + ", got " + actual + "; deleted " + deleted);
        this.subject = subject;
        this.expectedBytes = expectedBytes;
        this.expectedSha256 = expectedSha256;
        this.actualBytes = actual.bytes();
        this.actualSha256 = actual.sha256();
    }

    private static String describe(Long bytes, String sha256) {
        return (bytes == null ? "any size" : bytes + " bytes")
                + ", sha256 " + (sha256 == null ? "(not pinned)" : sha256);
    }

    public String subject() {
        return subject;
    }

    /** The pinned size, or null if none. */
    public Long expectedBytes() {
        return expectedBytes;
    }

    /** The pinned hash, or null if none. */
    public String expectedSha256() {
        return expectedSha256;
    }

    public long actualBytes() {
        return actualBytes;
    }

    public String actualSha256() {
        return actualSha256;
    }
}
