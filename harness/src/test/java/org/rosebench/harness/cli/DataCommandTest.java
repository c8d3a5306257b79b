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
}
