package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rosebench.core.data.KnownChecksums;

/**
 * The shipped catalogue's member hashes against the bundled data ({@code rose.data.dir}), whose files were checked
 * independently before they were added (data/README.md), and against the published checksums that {@code data
 * list} uses, so the two resources can never disagree.
 */
class RealDataVerifierTest {

    @Test
    void bundledDataMatchesThePinnedMemberHashes() {
        String prop = System.getProperty("rose.data.dir");
        Path root = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../data");
        assertTrue(Files.isDirectory(root.resolve("glue")), "bundled data not found at " + root.toAbsolutePath());

        List<MemberCheck> checks = DataVerifier.verify(root);

        Map<String, MemberCheck.Status> byTarget = checks.stream()
                .collect(Collectors.toMap(MemberCheck::target, MemberCheck::status));
        for (String target : List.of("glue/SST-2/train.tsv", "glue/SST-2/dev.tsv", "glue/RTE/train.tsv",
                "glue/RTE/dev.tsv", "glue/QNLI/dev.tsv", "advglue/dev.json")) {
            assertEquals(MemberCheck.Status.MATCH, byTarget.get(target), target + " in " + checks);
        }
    }

    @Test
    void everyPinnedMemberHasThePublishedChecksum() {
        KnownChecksums known = KnownChecksums.load();
        int pinned = 0;
        for (DataSource source : DataSources.defaults().all()) {
            for (ArchiveMember m : source.members()) {
                if (m.sha256() != null) {
                    pinned++;
                    assertEquals(m.sha256(), known.lookup(m.target()).map(KnownChecksums.Entry::sha256).orElse(null),
                            source.name() + " " + m.target());
                }
            }
        }
        assertTrue(pinned >= 8, "pinned members: " + pinned);
    }
}
