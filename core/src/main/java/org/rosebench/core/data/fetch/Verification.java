package org.rosebench.core.data.fetch;

/** What a catalogue entry's pinned hashes cover. */
public enum Verification {
    /** The archive's size and SHA-256 are pinned and checked before anything is unpacked. */
    ARCHIVE,
    /**
     * No archive hash is known: the archive's size is checked, and every member's size and SHA-256 are pinned and
     * checked before the member is installed.
     */
    MEMBER
}
