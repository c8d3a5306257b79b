package org.rosebench.core.data.fetch;

import java.nio.file.Path;

/**
 * One member as it now is on disk.
 *
 * @param entry    the archive entry it came from
 * @param path     where it is
 * @param digest   its size and SHA-256
 * @param verified whether the catalogue pinned its size and hash and they matched
 * @param outcome  what the fetch did to it
 */
public record InstalledFile(String entry, Path path, FileDigest digest, boolean verified, Outcome outcome) {

    /** What a fetch did to a target file. */
    public enum Outcome {
        /** The file did not exist and was written. */
        INSTALLED,
        /** A different file was there and was replaced ({@code force}). */
        REPLACED,
        /** An identical file was already there and was left alone. */
        UNCHANGED
    }
}
