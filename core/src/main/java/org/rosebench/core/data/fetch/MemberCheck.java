package org.rosebench.core.data.fetch;

import java.nio.file.Path;

/**
 * How one catalogued member found under a data root compares with its pinned hash.
 *
 * @param dataset        the catalogue entry
 * @param target         the member's catalogued target, e.g. {@code glue/SST-2/train.tsv}
 * @param file           the file found: the target itself or its {@code .gz}
 * @param actual         size and SHA-256 of the content (decompressed for {@code .gz})
 * @param expectedBytes  the pinned size, or null
 * @param expectedSha256 the pinned SHA-256, or null
 */
public record MemberCheck(String dataset, String target, Path file, FileDigest actual, Long expectedBytes,
        String expectedSha256) {

    /** The verdict. */
    public enum Status {
        /** Size and hash match the pinned ones. */
        MATCH,
        /** Size or hash differs from the pinned ones. */
        MISMATCH,
        /** The catalogue pins no hash for this member, so it cannot be checked. */
        NOT_PINNED
    }

    public Status status() {
        if (expectedSha256 == null) {
            return Status.NOT_PINNED;
        }
        return actual.matches(expectedBytes, expectedSha256) ? Status.MATCH : Status.MISMATCH;
    }

    public boolean gzipped() {
        return file.getFileName().toString().endsWith(DataVerifier.GZIP_SUFFIX);
    }
}
