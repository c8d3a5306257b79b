package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.DataException;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;

/** The shipped catalogue's pinned values, name selection, and what a malformed catalogue is told. */
class DataSourcesTest {

    @TempDir
    Path dir;

    private static final DataSources SHIPPED = DataSources.defaults();

    @Test
    void shippedCatalogueListsTheSixDatasets() {
        assertEquals(List.of("sst2", "rte", "qnli", "qqp", "mnli", "advglue"), SHIPPED.names());
    }

    @Test
    void shippedCataloguePinsTheOfficialArchives() {
        DataSource sst2 = SHIPPED.get("sst2");
        assertEquals(URI.create("https://dl.fbaipublicfiles.com/glue/data/SST-2.zip"), sst2.url());
        assertEquals(7_439_277, sst2.size());
        assertEquals("d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa", sst2.sha256());
        assertEquals(Verification.ARCHIVE, sst2.verify());
        assertEquals("SST-2.zip", sst2.fileName());

        DataSource mnli = SHIPPED.get("mnli");
        assertEquals(312_783_507, mnli.size());
        assertEquals("e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633", mnli.sha256());
        assertEquals("QNLIv2.zip", SHIPPED.get("qnli").fileName());
        assertEquals("QQP-clean.zip", SHIPPED.get("qqp").fileName());
    }

    @Test
    void advGlueIsVerifiedByItsMember() {
        DataSource advglue = SHIPPED.get("advglue");
        assertEquals(Verification.MEMBER, advglue.verify());
        assertNull(advglue.sha256());
        assertEquals(40_662, advglue.size());
        assertEquals(List.of(new ArchiveMember("dev/dev.json", "advglue/dev.json", 202_852L,
                "ddbaffce5a1ff0c1fb15812aa6546656f27372402c1141bbfbb2a86270ba3477")), advglue.members());
    }

    @Test
    void shippedCatalogueInstallsEveryFileGlueDataReads() {
        Set<String> targets = SHIPPED.all().stream().flatMap(s -> s.members().stream())
                .map(ArchiveMember::target).collect(Collectors.toSet());
        for (Task task : Task.values()) {
            for (Split split : task.splits()) {
                String official = "glue/" + task.glueDir() + "/" + split.fileStem() + ".tsv";
                assertTrue(targets.contains(official), official);
            }
        }
        assertTrue(targets.contains("advglue/dev.json"));
    }

    @Test
    void shippedUrlsAreHttps() {
        for (DataSource s : SHIPPED.all()) {
            assertEquals("https", s.url().getScheme(), s.name());
        }
    }

    @Test
    void allExpandsToEveryEntryOnceKeepingTheOrderGiven() {
        List<String> names = SHIPPED.select(List.of("mnli", "all", "rte")).stream().map(DataSource::name).toList();
        assertEquals(List.of("mnli", "sst2", "rte", "qnli", "qqp", "advglue"), names);
    }

    @Test
    void unknownNameIsNamedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.select(List.of("sst2", "glue")));
        assertEquals("unknown dataset 'glue' (valid: sst2, rte, qnli, qqp, mnli, advglue, or all)", e.getMessage());
    }

    @Test
    void archiveVerificationWithoutAnArchiveHashIsRejected() throws Exception {
        DataException e = assertThrows(DataException.class, () -> load("""
                {"datasets": [{"name": "x", "url": "https://example.org/x.zip", "size": 10, "sha256": null,
                  "verify": "archive", "members": [{"entry": "a", "target": "b", "size": null, "sha256": null}]}]}
                """));
        assertTrue(e.getMessage().contains("datasets[0]: x: verify 'archive' needs the archive's sha256"),
                e.getMessage());
    }

    @Test
    void memberVerificationNeedsPinnedMembers() throws Exception {
        DataException e = assertThrows(DataException.class, () -> load("""
                {"datasets": [{"name": "x", "url": "https://example.org/x.zip", "size": 10,
                  "verify": "member", "members": [{"entry": "a", "target": "b", "size": 3}]}]}
                """));
        assertTrue(e.getMessage().contains("needs size and sha256 of member a"), e.getMessage());
    }

    @Test
    void malformedHashIsRejected() throws Exception {
        DataException e = assertThrows(DataException.class, () -> load("""
                {"datasets": [{"name": "x", "url": "https://example.org/x.zip", "size": 10, "sha256": "D67E",
                  "verify": "archive", "members": [{"entry": "a", "target": "b"}]}]}
                """));
        assertTrue(e.getMessage().contains("64 lowercase hex digits"), e.getMessage());
    }

    @Test
    void catalogueFileInTheShippedFormatLoads() throws Exception {
        DataSources loaded = load("""
                {"about": "a mirror", "datasets": [{"name": "x", "url": "http://127.0.0.1:8080/x.zip", "size": 10,
                  "sha256": "%s", "verify": "archive", "members": [{"entry": "X/a.tsv", "target": "glue/X/a.tsv"}]}]}
                """.formatted("0".repeat(64)));
        assertEquals(List.of("x"), loaded.names());
        assertEquals(new ArchiveMember("X/a.tsv", "glue/X/a.tsv", null, null), loaded.get("x").members().get(0));
    }

    private DataSources load(String json) throws Exception {
        Path file = dir.resolve("sources.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return DataSources.load(file);
    }
}
