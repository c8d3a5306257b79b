package org.rosebench.core.data.fetch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the data already under a root against the catalogue's pinned hashes, without downloading anything: for
 * every catalogued member present as its target or as {@code <target>.gz} (hashed decompressed), one
 * {@link MemberCheck}. Members that are absent are not listed.
 */
public final class DataVerifier {

    static final String GZIP_SUFFIX = ".gz";

    private DataVerifier() {
    }

    /** Checks against the shipped catalogue. */
    public static List<MemberCheck> verify(Path root) {
        return verify(DataSources.defaults(), root);
    }

    /**
     * Checks against {@code catalogue}, in catalogue order; a member present both plain and gzipped gives two
     * checks.
     */
    public static List<MemberCheck> verify(DataSources catalogue, Path root) {
        List<MemberCheck> checks = new ArrayList<>();
        for (DataSource source : catalogue.all()) {
            for (ArchiveMember m : source.members()) {
                Path plain = TargetPaths.resolve(root, m.target());
                Path gz = plain.resolveSibling(plain.getFileName() + GZIP_SUFFIX);
                if (Files.isRegularFile(plain)) {
                    checks.add(new MemberCheck(source.name(), m.target(), plain, FileDigest.of(plain), m.size(),
                            m.sha256()));
                }
                if (Files.isRegularFile(gz)) {
                    checks.add(new MemberCheck(source.name(), m.target(), gz, FileDigest.ofGunzipped(gz), m.size(),
                            m.sha256()));
                }
            }
        }
        return checks;
    }
}
