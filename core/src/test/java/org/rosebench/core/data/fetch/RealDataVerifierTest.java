package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalogue's member hashes against the shared data folder ({@code rose.data.dir}), whose files were
 * checked independently (see its PROVENANCE.md). Skipped when the folder is absent.
 */
class RealDataVerifierTest {

    @Test
    void sharedDataMatchesThePinnedMemberHashes() {
        String prop = System.getProperty("rose.data.dir");
        Path root = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../shared/data");
        assumeTrue(Files.isDirectory(root.resolve("glue")), "shared data not found at " + root.toAbsolutePath());

        List<MemberCheck> checks = DataVerifier.verify(root);

        Map<String, MemberCheck.Status> byTarget = checks.stream()
                .collect(Collectors.toMap(MemberCheck::target, MemberCheck::status));
        for (String target : List.of("glue/SST-2/train.tsv", "glue/SST-2/dev.tsv", "glue/RTE/train.tsv",
                "glue/RTE/dev.tsv", "glue/QNLI/dev.tsv", "advglue/dev.json")) {
            assertEquals(MemberCheck.Status.MATCH, byTarget.get(target), target + " in " + checks);
        }
    }
}
