package org.rosebench.core.data.fetch;

import java.net.URI;
import java.util.List;

/**
 * What a fetch did for one dataset.
 *
 * @param name            the catalogue name
 * @param url             where the archive comes from
 * @param archive         how the archive was obtained, if it was needed at all
 * @param archiveDigest   the archive's size and SHA-256, or null when it was not needed
 * @param archiveVerified whether the archive's SHA-256 was pinned and matched (size is always checked)
 * @param files           the installed members, in catalogue order
 */
public record DatasetReport(String name, URI url, Archive archive, FileDigest archiveDigest, boolean archiveVerified,
        List<InstalledFile> files) {

    public DatasetReport {
        files = List.copyOf(files);
    }

    /** How the archive was obtained. */
    public enum Archive {
        /** Downloaded now (possibly resuming an earlier partial download). */
        DOWNLOADED,
        /** A complete archive kept by an earlier fetch passed the checks and was used. */
        REUSED,
        /** Every member was already installed with its pinned hash, so nothing was downloaded. */
        NOT_NEEDED
    }
}
