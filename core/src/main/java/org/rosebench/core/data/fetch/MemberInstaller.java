package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.rosebench.core.data.DataException;

/**
 * Installs the catalogued members of an archive under a data root, all or nothing per archive: every member is
 * first extracted to a temporary file in its target folder and checked, then each is moved into place with an
 * atomic rename. Only catalogued members are read; their targets must stay inside the root. An identical file
 * already in place is left alone; a different one is replaced only with {@code force}.
 */
final class MemberInstaller {

    private final Path root;
    private final boolean force;

    MemberInstaller(Path root, boolean force) {
        this.root = root;
        this.force = force;
    }

    private record Staged(ArchiveMember member, Path target, Path temp, FileDigest digest) {
    }

    /**
     * @throws ChecksumMismatchException if a member does not match its pinned size and hash
     * @throws DataException             if a member is missing, a target is outside the root, or a different
     *                                   file is in the way without {@code force}
     */
    List<InstalledFile> install(Path archive, DataSource source) throws IOException {
        List<Path> temps = new ArrayList<>();
        List<Path> createdDirs = new ArrayList<>();
        boolean done = false;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<Staged> staged = new ArrayList<>();
            for (ArchiveMember m : source.members()) {
                staged.add(stage(zip, m, source, temps, createdDirs));
            }
            List<InstalledFile.Outcome> outcomes = decide(staged);
            List<InstalledFile> installed = new ArrayList<>();
            for (int i = 0; i < staged.size(); i++) {
                Staged s = staged.get(i);
                if (outcomes.get(i) != InstalledFile.Outcome.UNCHANGED) {
                    // a rename within one folder: readers see the old file or the new one, never half of one
                    Files.move(s.temp, s.target, StandardCopyOption.ATOMIC_MOVE);
                }
                installed.add(new InstalledFile(s.member.entry(), s.target, s.digest, s.member.pinned(),
                        outcomes.get(i)));
            }
            done = true;
            return installed;
        } finally {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
            if (!done) {
                removeEmpty(createdDirs);
            }
        }
    }

    private Staged stage(ZipFile zip, ArchiveMember member, DataSource source, List<Path> temps,
            List<Path> createdDirs) throws IOException {
        ZipEntry entry = zip.getEntry(member.entry());
        if (entry == null || entry.isDirectory()) {
            throw new DataException("the archive from " + source.url() + " has no member " + member.entry());
        }
        Path target = TargetPaths.resolve(root, member.target());
        Path base = root.toAbsolutePath().normalize();
        for (Path dir = target.getParent(); !dir.equals(base) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
                dir = dir.getParent()) {
            createdDirs.add(dir);
        }
        Files.createDirectories(target.getParent());
        TargetPaths.requireRealPathInside(root, target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        temps.add(temp);
        FileDigest digest;
        try (InputStream in = zip.getInputStream(entry)) {
            digest = copy(in, temp, member.size() == null ? Long.MAX_VALUE : member.size());
        }
        if (!member.matches(digest)) {
            throw new ChecksumMismatchException(source.url() + " member " + member.entry(), member.size(),
                    member.sha256(), digest, "the extracted file");
        }
        return new Staged(member, target, temp, digest);
    }

    /**
     * Copies and hashes at most {@code limit + 1} bytes: enough to prove a member too large without unpacking all
     * of it.
     */
    private static FileDigest copy(InputStream in, Path temp, long limit) throws IOException {
        long cap = limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit + 1;
        MessageDigest sha = Sha256.newDigest();
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(temp)) {
            for (int n; total < cap && (n = in.read(buf, 0, (int) Math.min(buf.length, cap - total))) > 0; ) {
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
                total += n;
            }
        }
        return new FileDigest(total, Sha256.hex(sha));
    }

    private List<InstalledFile.Outcome> decide(List<Staged> staged) {
        List<InstalledFile.Outcome> outcomes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Staged s : staged) {
            if (!Files.exists(s.target, LinkOption.NOFOLLOW_LINKS)) {
                outcomes.add(InstalledFile.Outcome.INSTALLED);
            } else if (Files.isRegularFile(s.target, LinkOption.NOFOLLOW_LINKS)
                    && sameSize(s.target, s.digest) && FileDigest.of(s.target).equals(s.digest)) {
                outcomes.add(InstalledFile.Outcome.UNCHANGED);
            } else if (force) {
                outcomes.add(InstalledFile.Outcome.REPLACED);
            } else {
                outcomes.add(null);
                conflicts.add(s.target.toString());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new DataException("not overwriting " + String.join(", ", conflicts)
                    + ": the existing content differs from the archive's; use force to replace it");
        }
        return outcomes;
    }

    private static boolean sameSize(Path file, FileDigest digest) {
        try {
            return Files.size(file) == digest.bytes();
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e, e);
        }
    }

    /** Removes folders this install created, deepest first, as long as they are empty. */
    private static void removeEmpty(List<Path> createdDirs) {
        List<Path> deepestFirst = new ArrayList<>(createdDirs);
        deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path dir : deepestFirst) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmpty) {
                // shared with something else now: leave it
            }
        }
    }
}
