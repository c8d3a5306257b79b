package org.rosebench.core.data.fetch;

/**
 * One file to take out of an archive.
 *
 * @param entry  the entry name inside the archive, e.g. {@code SST-2/train.tsv}
 * @param target where it goes, relative to the data root, e.g. {@code glue/SST-2/train.tsv}
 * @param size   the pinned size in bytes, or null if no reference value is known
 * @param sha256 the pinned SHA-256 (lowercase hex), or null if no reference value is known
 */
public record ArchiveMember(String entry, String target, Long size, String sha256) {

    public ArchiveMember {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("member entry name is empty");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("member " + entry + " has no target");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("member " + entry + " has a negative size");
        }
        if (sha256 != null && !Sha256.isHex(sha256)) {
            throw new IllegalArgumentException("member " + entry + ": sha256 must be 64 lowercase hex digits, got '"
                    + sha256 + "'");
        }
    }

    /** Whether both size and hash are pinned. */
    public boolean pinned() {
        return size != null && sha256 != null;
    }

    boolean matches(FileDigest digest) {
        return digest.matches(size, sha256);
    }
}
