package org.rosebench.core.data.fetch;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One catalogue entry: an archive to download, how it is checked, and which of its members go where.
 *
 * @param name    the name used on the command line, e.g. {@code sst2}
 * @param url     an absolute http(s) URL of the archive
 * @param size    the archive's size in bytes
 * @param sha256  the archive's SHA-256, required for {@link Verification#ARCHIVE}, may be null for
 *                {@link Verification#MEMBER}
 * @param verify  what the pinned hashes cover
 * @param note    free text about the entry's provenance, or null
 * @param members the files to install; for {@link Verification#MEMBER} every one has a pinned size and hash
 */
public record DataSource(String name, URI url, long size, String sha256, Verification verify, String note,
        List<ArchiveMember> members) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    // A download keeps the URL's file name only when it is plain; anything else falls back to the dataset name.
    private static final Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public DataSource {
        if (name == null || !NAME.matcher(name).matches() || name.equals(DataSources.ALL)) {
            throw new IllegalArgumentException("dataset name must match " + NAME + " and not be '" + DataSources.ALL
                    + "', got '" + name + "'");
        }
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("https") || scheme.equals("http");
        if (url == null || !url.isAbsolute() || !web || url.getHost() == null) {
            throw new IllegalArgumentException(name + ": url must be an absolute http(s) URL, got " + url);
        }
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": size must be positive, got " + size);
        }
        if (sha256 != null && !Sha256.isHex(sha256)) {
            throw new IllegalArgumentException(name + ": sha256 must be 64 lowercase hex digits, got '" + sha256 + "'");
        }
        if (verify == null) {
            throw new IllegalArgumentException(name + ": verify must be given");
        }
        if (verify == Verification.ARCHIVE && sha256 == null) {
            throw new IllegalArgumentException(name + ": verify 'archive' needs the archive's sha256");
        }
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException(name + ": no members to install");
        }
        members = List.copyOf(members);
        if (verify == Verification.MEMBER) {
            for (ArchiveMember m : members) {
                if (!m.pinned()) {
                    throw new IllegalArgumentException(name + ": verify 'member' needs size and sha256 of member "
                            + m.entry());
                }
            }
        }
    }

    /** The file name the download is stored under: the URL's last path segment when it is a plain name. */
    public String fileName() {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return PLAIN_FILE_NAME.matcher(last).matches() ? last : name + ".download";
    }
}
