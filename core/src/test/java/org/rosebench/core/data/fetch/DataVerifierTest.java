package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking data already on disk against the pinned hashes: plain and gzipped, matching, differing, unpinned. */
class DataVerifierTest {

    @TempDir
    Path root;

    private DataSources catalogue;

    @BeforeEach
    void catalogue() {
        URI url = URI.create("https://example.org/SST-2.zip");
        catalogue = DataSources.of(List.of(new DataSource("sst2", url, 100, "0".repeat(64), Verification.ARCHIVE, null,
                List.of(TestCatalogues.member("SST-2/train.tsv", "glue/SST-2/train.tsv", TestZips.TRAIN),
                        TestCatalogues.member("SST-2/dev.tsv", "glue/SST-2/dev.tsv", TestZips.DEV),
                        new ArchiveMember("SST-2/test.tsv", "glue/SST-2/test.tsv", null, null)))));
    }

    private Path write(String target, String content) throws IOException {
        Path file = root.resolve(target);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeGzip(String target, String content) throws IOException {
        Path file = root.resolve(target);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void plainAndGzippedFilesAreCheckedByTheirContent() throws IOException {
        Path plain = write("glue/SST-2/train.tsv", TestZips.TRAIN);
        Path gz = writeGzip("glue/SST-2/train.tsv.gz", TestZips.TRAIN);

        List<MemberCheck> checks = DataVerifier.verify(catalogue, root);

        assertEquals(List.of(plain, gz), checks.stream().map(MemberCheck::file).toList());
        for (MemberCheck c : checks) {
            assertEquals(MemberCheck.Status.MATCH, c.status(), c.toString());
            assertEquals("sst2", c.dataset());
            assertEquals("glue/SST-2/train.tsv", c.target());
        }
        assertFalse(checks.get(0).gzipped());
        assertTrue(checks.get(1).gzipped());
        assertEquals(TestZips.size(TestZips.TRAIN), checks.get(1).actual().bytes(), "decompressed size");
    }

    @Test
    void differingAndUnpinnedFilesAreReportedAndAbsentOnesAreNotListed() throws IOException {
        writeGzip("glue/SST-2/dev.tsv.gz", "sentence\tlabel\nedited \t0\n");
        write("glue/SST-2/test.tsv", TestZips.TEST);

        List<MemberCheck> checks = DataVerifier.verify(catalogue, root);

        assertEquals(2, checks.size(), checks.toString());
        assertEquals(MemberCheck.Status.MISMATCH, checks.get(0).status());
        assertEquals(TestZips.sha256(TestZips.DEV), checks.get(0).expectedSha256());
        assertEquals(TestZips.sha256("sentence\tlabel\nedited \t0\n"), checks.get(0).actual().sha256());
        assertEquals(MemberCheck.Status.NOT_PINNED, checks.get(1).status());
        assertEquals(TestZips.sha256(TestZips.TEST), checks.get(1).actual().sha256());
    }
}
