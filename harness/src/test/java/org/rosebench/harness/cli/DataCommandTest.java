package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data list}: the search path in order, the file chosen for every split, and its checksum verdict. */
class DataCommandTest {

    @Test
    void bundledDataIsCompleteAndVerifies() throws Exception {
        CliRun r = CliRun.run("data", "list", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        JsonNode roots = o.get("search_path");
        JsonNode last = roots.get(roots.size() - 1);
        assertEquals("bundled with rose-bench", last.get("origin").asText());
        assertTrue(last.get("exists").asBoolean());
        int official = 0;
        for (JsonNode f : o.get("files")) {
            assertEquals("verified", f.get("status").asText(), f.toString());
            official += f.get("kind").asText().equals("official") ? 1 : 0;
        }
        assertEquals(12, o.get("files").size()); // 11 GLUE splits + AdvGLUE dev
        assertEquals(6, official); // SST-2 and RTE train/dev, QNLI dev, AdvGLUE dev
    }

    @Test
    void aRootNamedFirstWinsAndAnAlteredFileIsAMismatch(@TempDir Path root) throws Exception {
        Path bundled = Path.of(System.getProperty("rose.data.dir"));
        Path dev = root.resolve("glue/RTE/dev.tsv");
        Files.createDirectories(dev.getParent());
        try (var in = new GZIPInputStream(Files.newInputStream(bundled.resolve("glue/RTE/dev.tsv.gz")));
                OutputStream out = Files.newOutputStream(dev)) {
            in.transferTo(out);
        }
        Files.writeString(dev, Files.readString(dev).replaceFirst("entailment", "not_entailment"));
        CliRun r = CliRun.run("data", "list", "--json", "--data", root.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertEquals("--data", o.get("search_path").get(0).get("origin").asText());
        for (JsonNode f : o.get("files")) {
            boolean rteDev = f.get("task").asText().equals("rte") && f.get("split").asText().equals("dev");
            assertEquals(rteDev ? dev.toString() : f.get("file").asText(), f.get("file").asText());
            assertEquals(rteDev ? "MISMATCH" : "verified", f.get("status").asText(), f.toString());
        }
    }

    @Test
    void aMissingDataRootIsNamed() {
        CliRun r = CliRun.run("data", "list", "--data", "/nonexistent/glue");
        assertEquals(2, r.code()); // bad input
        assertTrue(r.err().contains("/nonexistent/glue (--data) is not a directory"), r.err());
    }

    /**
     * {@code data fetch} end to end through the CLI: a loopback server serves an RTE-shaped zip built from the
     * bundled RTE files, a catalogue file pins it, and the installed files are then what {@code data list} uses.
     */
    @Test
    void fetchInstallsVerifiedFilesThatListThenUses(@TempDir Path tmp) throws Exception {
        Path bundled = Path.of(System.getProperty("rose.data.dir"));
        java.io.ByteArrayOutputStream zipBytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(zipBytes)) {
            for (String split : new String[] {"train", "dev"}) {
                zip.putNextEntry(new java.util.zip.ZipEntry("RTE/" + split + ".tsv"));
                try (var in = new GZIPInputStream(Files.newInputStream(bundled.resolve("glue/RTE/" + split + ".tsv.gz")))) {
                    zip.write(in.readAllBytes());
                }
                zip.closeEntry();
            }
        }
        byte[] archive = zipBytes.toByteArray();
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/RTE.zip", ex -> {
            ex.sendResponseHeaders(200, archive.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/RTE.zip";
            String sha = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(archive));
            Path catalogue = tmp.resolve("sources.json");
            Files.writeString(catalogue, """
                    {"datasets": [{"name": "rte", "url": "%s", "size": %d, "sha256": "%s", "verify": "archive",
                      "members": [
                        {"entry": "RTE/train.tsv", "target": "glue/RTE/train.tsv", "size": 846226,
                         "sha256": "41e3a9b063433392343fad9e962cf2f58b681c78d8f71592f4186f0837246c5c"},
                        {"entry": "RTE/dev.tsv", "target": "glue/RTE/dev.tsv", "size": 90343,
                         "sha256": "80230dfa1347282e7b532b06a1004a76a710087541189bf874223ddf0e3819fb"}]}]}
                    """.formatted(url, archive.length, sha));
            Path root = tmp.resolve("data");
            CliRun fetch = CliRun.run("data", "fetch", "rte", "--to", root.toString(), "--catalogue",
                    catalogue.toString(), "--json");
            assertEquals(0, fetch.code(), fetch.err());
            JsonNode files = Json.MAPPER.readTree(fetch.out()).get("files");
            assertEquals(2, files.size());
            for (JsonNode f : files) {
                assertTrue(f.get("verified").asBoolean(), f.toString());
            }
            assertTrue(Files.isRegularFile(root.resolve("glue/RTE/train.tsv")));
            assertTrue(Files.notExists(root.resolve(".downloads/RTE.zip")), "archive removed after install");

            JsonNode list = Json.MAPPER.readTree(CliRun.run("data", "list", "--json", "--data", root.toString()).out());
            for (JsonNode f : list.get("files")) {
                if (f.get("task").asText().equals("rte")) {
                    assertEquals(root.resolve("glue/RTE/" + f.get("split").asText() + ".tsv").toString(),
                            f.get("file").asText());
                    assertEquals("verified", f.get("status").asText());
                }
            }
            CliRun unknown = CliRun.run("data", "fetch", "cola", "--to", root.toString());
            assertEquals(1, unknown.code());
            assertTrue(unknown.err().contains("cola") && unknown.err().contains("rte"), unknown.err());
        } finally {
            server.stop(0);
        }
    }
}
