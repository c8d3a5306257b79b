package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.DataException;

/** Fetching from a loopback server: what gets installed, what gets refused, and what is left on disk. */
@Timeout(10)
class DataFetcherTest {

    @TempDir
    Path dir;

    private LoopbackServer server;
    private Path root;

    @BeforeAll
    static void setUp() throws Exception {
        System.setProperty("rose.progress", "false");
        TestCatalogues.warmUp();
    }

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        root = dir.resolve("data");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DataSource sst2() {
        byte[] zip = TestZips.glueZip("SST-2");
        return TestCatalogues.glue("sst2", "SST-2", server.serve("/SST-2.zip", zip, LoopbackServer.Mode.NORMAL), zip);
    }

    private String read(String target) throws IOException {
        return Files.readString(root.resolve(target), StandardCharsets.UTF_8);
    }

    /** Every regular file under {@code folder}, relative to it. */
    private static List<String> files(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void goodArchiveInstallsItsMembersByteExactAndVerified() throws IOException {
        DataSource sst2 = sst2();

        FetchReport report = TestCatalogues.fetcher(root, sst2).build().fetch(List.of("sst2"));

        assertEquals(TestZips.TRAIN, read("glue/SST-2/train.tsv"));
        assertEquals(TestZips.DEV, read("glue/SST-2/dev.tsv"));
        assertEquals(List.of("glue/SST-2/dev.tsv", "glue/SST-2/train.tsv"), files(root), "only catalogued members");
        DatasetReport d = report.datasets().get(0);
        assertEquals(DatasetReport.Archive.DOWNLOADED, d.archive());
        assertTrue(d.archiveVerified());
        assertEquals(sst2.sha256(), d.archiveDigest().sha256());
        assertEquals(2, d.files().size());
        for (InstalledFile f : d.files()) {
            assertTrue(f.verified());
            assertEquals(InstalledFile.Outcome.INSTALLED, f.outcome());
        }
        assertEquals(TestZips.sha256(TestZips.TRAIN), d.files().get(0).digest().sha256());
        assertEquals(TestZips.size(TestZips.TRAIN) + TestZips.size(TestZips.DEV), report.totalBytes());
    }

    @Test
    void corruptedArchiveIsRefusedAndNothingIsLeftOnDisk() {
        byte[] zip = TestZips.glueZip("SST-2");
        byte[] corrupted = zip.clone();
        corrupted[corrupted.length / 2] ^= 0x5a;
        URI url = server.serve("/SST-2.zip", corrupted, LoopbackServer.Mode.NORMAL);
        DataFetcher fetcher = TestCatalogues.fetcher(root, TestCatalogues.glue("sst2", "SST-2", url, zip)).build();

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> fetcher.fetch(List.of("sst2")));

        assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(TestZips.sha256(zip)), "expected hash: " + e.getMessage());
        assertTrue(e.getMessage().contains(TestZips.sha256(corrupted)), "actual hash: " + e.getMessage());
        assertEquals(zip.length, e.expectedBytes());
        assertEquals(corrupted.length, e.actualBytes());
        assertFalse(Files.exists(root.resolve(".downloads")), "no archive or partial download left");
        assertFalse(Files.exists(root.resolve("glue")), "no member written");
    }

    @Test
    void memberVerifiedArchiveWithAWrongMemberIsRefusedAndRemoved() throws IOException {
        String pinned = "{\"sst2\": []}\n";
        byte[] zip = TestZips.zip("dev/", Map.of("dev/dev.json", "{\"sst2\": [1]}\n"));
        URI url = server.serve("/dev.zip", zip, LoopbackServer.Mode.NORMAL);
        DataSource advglue = new DataSource("advglue", url, zip.length, null, Verification.MEMBER, null,
                List.of(TestCatalogues.member("dev/dev.json", "advglue/dev.json", pinned)));

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> TestCatalogues.fetcher(root, advglue).build().fetch(List.of("advglue")));

        assertTrue(e.getMessage().contains("member dev/dev.json"), e.getMessage());
        assertTrue(e.getMessage().contains(TestZips.sha256(pinned)), e.getMessage());
        assertEquals(List.of(), files(root), "no archive and no member left");
        assertFalse(Files.exists(root.resolve("advglue")), "the folder made for the member is gone too");
    }

    @Test
    void memberVerifiedArchiveThatIsNoZipIsRefusedAndRemoved() throws IOException {
        byte[] garbage = "this is not a zip archive".getBytes(StandardCharsets.UTF_8);
        URI url = server.serve("/dev.zip", garbage, LoopbackServer.Mode.NORMAL);
        DataSource advglue = new DataSource("advglue", url, garbage.length, null, Verification.MEMBER, null,
                List.of(TestCatalogues.member("dev/dev.json", "advglue/dev.json", "{}\n")));

        DataException e = assertThrows(DataException.class,
                () -> TestCatalogues.fetcher(root, advglue).build().fetch(List.of("advglue")));

        assertTrue(e.getMessage().contains("not a readable zip"), e.getMessage());
        assertEquals(List.of(), files(root), "the damaged archive is not kept for reuse");
    }

    @Test
    void memberVerifiedArchiveInstallsItsMember() throws IOException {
        String json = "{\"sst2\": []}\n";
        byte[] zip = TestZips.zip("dev/", Map.of("dev/dev.json", json, "dev/README.md", "not installed\n"));
        URI url = server.serve("/dev.zip", zip, LoopbackServer.Mode.NORMAL);
        DataSource advglue = new DataSource("advglue", url, zip.length, null, Verification.MEMBER, null,
                List.of(TestCatalogues.member("dev/dev.json", "advglue/dev.json", json)));

        FetchReport report = TestCatalogues.fetcher(root, advglue).build().fetch(List.of("advglue"));

        assertEquals(json, read("advglue/dev.json"));
        assertEquals(List.of("advglue/dev.json"), files(root));
        assertFalse(report.datasets().get(0).archiveVerified(), "no archive hash was pinned");
        assertTrue(report.datasets().get(0).files().get(0).verified());
    }

    @Test
    void unknownDatasetIsNamedWithTheValidNames() {
        DataFetcher fetcher = TestCatalogues.fetcher(root, sst2()).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fetcher.fetch(List.of("sst2", "sst3")));

        assertTrue(e.getMessage().contains("'sst3'"), e.getMessage());
        assertTrue(e.getMessage().contains("valid: sst2, or all"), e.getMessage());
        assertEquals(List.of(), server.requests(), "nothing fetched before the names are checked");
    }

    @Test
    void targetOutsideTheRootIsRefusedAndNothingIsWritten() throws IOException {
        byte[] zip = TestZips.glueZip("SST-2");
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.NORMAL);
        DataSource evil = new DataSource("evil", url, zip.length, TestZips.sha256(zip), Verification.ARCHIVE, null,
                List.of(TestCatalogues.member("SST-2/dev.tsv", "glue/SST-2/dev.tsv", TestZips.DEV),
                        TestCatalogues.member("SST-2/train.tsv", "../escape/train.tsv", TestZips.TRAIN)));

        DataException e = assertThrows(DataException.class,
                () -> TestCatalogues.fetcher(root, evil).build().fetch(List.of("evil")));

        assertTrue(e.getMessage().contains("'../escape/train.tsv' is outside the data root"), e.getMessage());
        assertEquals(List.of(), files(dir), "nothing written inside or outside the root");
        assertEquals(List.of(), server.requests(), "refused before downloading");
    }

    @Test
    void allFetchesEveryDataset() throws IOException {
        byte[] rteZip = TestZips.glueZip("RTE");
        DataSource rte = TestCatalogues.glue("rte", "RTE",
                server.serve("/RTE.zip", rteZip, LoopbackServer.Mode.NORMAL), rteZip);

        FetchReport report = TestCatalogues.fetcher(root, sst2(), rte).build().fetch(List.of("all"));

        assertEquals(List.of("sst2", "rte"), report.datasets().stream().map(DatasetReport::name).toList());
        assertEquals(List.of("glue/RTE/dev.tsv", "glue/RTE/train.tsv", "glue/SST-2/dev.tsv", "glue/SST-2/train.tsv"),
                files(root));
        assertEquals(4, report.files().size());
    }

    @Test
    void identicalExistingFileIsLeftAlone() throws IOException {
        Path train = root.resolve("glue/SST-2/train.tsv");
        Files.createDirectories(train.getParent());
        Files.writeString(train, TestZips.TRAIN, StandardCharsets.UTF_8);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(train, old);

        FetchReport report = TestCatalogues.fetcher(root, sst2()).build().fetch(List.of("sst2"));

        List<InstalledFile> files = report.datasets().get(0).files();
        assertEquals(InstalledFile.Outcome.UNCHANGED, files.get(0).outcome());
        assertEquals(InstalledFile.Outcome.INSTALLED, files.get(1).outcome());
        assertEquals(old, Files.getLastModifiedTime(train), "not rewritten");
        assertEquals(TestZips.DEV, read("glue/SST-2/dev.tsv"));
    }

    @Test
    void differentExistingFileIsKeptUnlessForced() throws IOException {
        DataSource sst2 = sst2();
        Path train = root.resolve("glue/SST-2/train.tsv");
        Files.createDirectories(train.getParent());
        Files.writeString(train, "my own edits\n", StandardCharsets.UTF_8);

        DataException e = assertThrows(DataException.class,
                () -> TestCatalogues.fetcher(root, sst2).build().fetch(List.of("sst2")));

        assertTrue(e.getMessage().contains(train.toString()) && e.getMessage().contains("force"), e.getMessage());
        assertTrue(e.getMessage().contains("archive is kept at " + root.resolve(".downloads/SST-2.zip")),
                e.getMessage());
        assertEquals("my own edits\n", read("glue/SST-2/train.tsv"));
        assertFalse(Files.exists(root.resolve("glue/SST-2/dev.tsv")), "all or nothing per archive");
        assertEquals(List.of(".downloads/SST-2.zip", "glue/SST-2/train.tsv"), files(root),
                "the checked archive, and no temporary files");

        FetchReport report = TestCatalogues.fetcher(root, sst2).force(true).build().fetch(List.of("sst2"));

        assertEquals(DatasetReport.Archive.REUSED, report.datasets().get(0).archive());
        assertEquals(1, server.requests().size());
        assertEquals(InstalledFile.Outcome.REPLACED, report.datasets().get(0).files().get(0).outcome());
        assertEquals(TestZips.TRAIN, read("glue/SST-2/train.tsv"));
        assertEquals(TestZips.DEV, read("glue/SST-2/dev.tsv"));
        assertFalse(Files.exists(root.resolve(".downloads")));
    }

    @Test
    void installedDatasetIsNotDownloadedAgain() {
        DataSource sst2 = sst2();
        TestCatalogues.fetcher(root, sst2).build().fetch(List.of("sst2"));

        FetchReport again = TestCatalogues.fetcher(root, sst2).build().fetch(List.of("sst2"));

        assertEquals(1, server.requests().size());
        assertEquals(DatasetReport.Archive.NOT_NEEDED, again.datasets().get(0).archive());
        assertTrue(again.files().stream().allMatch(f -> f.outcome() == InstalledFile.Outcome.UNCHANGED));
    }

    @Test
    void keptArchiveIsReusedWithoutDownloading() throws IOException {
        DataSource sst2 = sst2();
        TestCatalogues.fetcher(root, sst2).keepArchives(true).build().fetch(List.of("sst2"));
        Path archive = root.resolve(".downloads/SST-2.zip");
        assertTrue(Files.isRegularFile(archive));
        Files.delete(root.resolve("glue/SST-2/dev.tsv"));

        FetchReport again = TestCatalogues.fetcher(root, sst2).build().fetch(List.of("sst2"));

        assertEquals(1, server.requests().size());
        assertEquals(DatasetReport.Archive.REUSED, again.datasets().get(0).archive());
        assertEquals(TestZips.DEV, read("glue/SST-2/dev.tsv"));
        assertFalse(Files.exists(root.resolve(".downloads")), "removed once used without keepArchives");
    }

    @Test
    void missingMemberIsNamed() {
        byte[] zip = TestZips.glueZip("SST-2");
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.NORMAL);
        DataSource wrong = new DataSource("sst2", url, zip.length, TestZips.sha256(zip), Verification.ARCHIVE, null,
                List.of(TestCatalogues.member("SST2/dev.tsv", "glue/SST-2/dev.tsv", TestZips.DEV)));

        DataException e = assertThrows(DataException.class,
                () -> TestCatalogues.fetcher(root, wrong).build().fetch(List.of("sst2")));

        assertTrue(e.getMessage().contains("no member SST2/dev.tsv"), e.getMessage());
        assertFalse(Files.exists(root.resolve("glue")));
    }

    @Test
    void downloadedArchiveBytesMatchTheServedOnes() throws IOException {
        byte[] zip = TestZips.glueZip("SST-2");
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.NORMAL);

        TestCatalogues.fetcher(root, TestCatalogues.glue("sst2", "SST-2", url, zip)).keepArchives(true).build()
                .fetch(List.of("sst2"));

        assertArrayEquals(zip, Files.readAllBytes(root.resolve(".downloads/SST-2.zip")));
    }
}
