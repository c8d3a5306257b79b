package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.DataException;

/** Downloads that drop, stall, or meet a server that ignores Range: resumed or restarted, never corrupted. */
@Timeout(10)
class DownloadResumeTest {

    @TempDir
    Path dir;

    private LoopbackServer server;
    private Path root;
    private byte[] zip;

    @BeforeAll
    static void setUp() throws Exception {
        System.setProperty("rose.progress", "false");
        TestCatalogues.warmUp();
    }

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        root = dir.resolve("data");
        zip = TestZips.glueZip("SST-2");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FetchReport fetch(URI url) {
        return TestCatalogues.fetcher(root, TestCatalogues.glue("sst2", "SST-2", url, zip)).build()
                .fetch(List.of("sst2"));
    }

    private void assertInstalled() throws IOException {
        assertEquals(TestZips.TRAIN, Files.readString(root.resolve("glue/SST-2/train.tsv"), StandardCharsets.UTF_8));
        assertEquals(TestZips.DEV, Files.readString(root.resolve("glue/SST-2/dev.tsv"), StandardCharsets.UTF_8));
    }

    @Test
    void interruptedTransferResumesFromWhereItStopped() throws IOException {
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.DROP_FIRST);

        FetchReport report = fetch(url);

        List<LoopbackServer.Request> requests = server.requests();
        assertEquals(2, requests.size(), requests.toString());
        assertNull(requests.get(0).range());
        assertEquals("bytes=" + zip.length / 2 + "-", requests.get(1).range());
        assertEquals(TestZips.sha256(zip), report.datasets().get(0).archiveDigest().sha256());
        assertInstalled();
    }

    @Test
    void serverIgnoringRangeRestartsTheFileInsteadOfAppending() throws IOException {
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.DROP_FIRST_THEN_IGNORE_RANGE);

        FetchReport report = fetch(url);

        List<LoopbackServer.Request> requests = server.requests();
        assertEquals(2, requests.size(), requests.toString());
        assertTrue(requests.get(1).range().startsWith("bytes="), requests.toString());
        assertEquals(zip.length, report.datasets().get(0).archiveDigest().bytes());
        assertTrue(report.datasets().get(0).archiveVerified());
        assertInstalled();
    }

    @Test
    void stalledTransferIsAbandonedAndResumed() throws IOException {
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.STALL_FIRST);
        fetch(url);

        List<LoopbackServer.Request> requests = server.requests();
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("bytes=" + zip.length / 2 + "-", requests.get(1).range());
        assertInstalled();
    }

    @Test
    void retriesAreBoundedAndThePartialDownloadIsKeptForTheNextFetch() throws IOException {
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.ALWAYS_DROP);
        DataFetcher fetcher = TestCatalogues.fetcher(root, TestCatalogues.glue("sst2", "SST-2", url, zip))
                .retries(2).build();

        DataException e = assertThrows(DataException.class, () -> fetcher.fetch(List.of("sst2")));

        assertEquals(3, server.requests().size(), server.requests().toString());
        assertTrue(e.getMessage().contains("failed after 3 attempts"), e.getMessage());
        Path part = root.resolve(".downloads/SST-2.zip.part");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < zip.length, "kept " + kept);
        assertFalse(Files.exists(root.resolve("glue")));

        server.setMode("/SST-2.zip", LoopbackServer.Mode.NORMAL);
        fetcher.fetch(List.of("sst2"));

        assertEquals("bytes=" + kept + "-", server.requests().get(3).range());
        assertInstalled();
        assertFalse(Files.exists(root.resolve(".downloads")));
    }

    @Test
    void serverSendingMoreThanCataloguedIsStopped() {
        byte[] bigger = new byte[zip.length + 1000];
        System.arraycopy(zip, 0, bigger, 0, zip.length);
        URI url = server.serve("/SST-2.zip", bigger, LoopbackServer.Mode.NORMAL);

        DataException e = assertThrows(DataException.class, () -> fetch(url));

        assertTrue(e.getMessage().contains("more than the catalogued " + zip.length + " bytes"), e.getMessage());
        assertFalse(Files.exists(root.resolve(".downloads")));
        assertFalse(Files.exists(root.resolve("glue")));
    }

    @Test
    void httpErrorIsReportedWithoutRetrying() {
        URI url = server.serve("/SST-2.zip", zip, LoopbackServer.Mode.NOT_FOUND);

        DataException e = assertThrows(DataException.class, () -> fetch(url));

        assertTrue(e.getMessage().contains(url + " answered HTTP 404"), e.getMessage());
        assertEquals(1, server.requests().size());
    }
}
