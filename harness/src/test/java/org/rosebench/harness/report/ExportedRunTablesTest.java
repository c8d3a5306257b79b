package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.cli.TableCommand;
import org.rosebench.harness.matrix.RunExporter;

/** An exported run (no weights, no claims) gives the same tables as the run it was copied from. */
class ExportedRunTablesTest {

    @TempDir
    Path tmp;

    @Test
    void tablesOfTheExportEqualTheRunsByteForByte() throws Exception {
        Path run = tmp.resolve("run");
        RunDirFixture.standard(run);
        List<String> ids;
        try (Stream<Path> s = Files.list(run.resolve("cells"))) {
            ids = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Files.writeString(run.resolve("plan.json"), RunDirFixture.JSON.writeValueAsString(
                java.util.Map.of("cells", ids)));
        for (String id : ids) {
            if (id.startsWith("train-")) {
                Path last = Files.createDirectories(run.resolve("cells").resolve(id).resolve("last"));
                Files.writeString(last.resolve("model.safetensors"), "weights");
            }
        }
        Path out = tmp.resolve("export");
        RunExporter.Report r = RunExporter.export(run, out, false);
        assertEquals(List.of("eval-ffffffffffffffff"), r.unfinished());

        CliRunner.Run fromRun = CliRunner.run(new TableCommand(), run.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla");
        CliRunner.Run fromExport = CliRunner.run(new TableCommand(), out.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla");
        assertEquals(0, fromRun.code(), fromRun.err());
        assertEquals(0, fromExport.code(), fromExport.err());
        assertEquals(fromRun.out().replace(run.toString(), out.toString()), fromExport.out()); // paths aside
        List<Path> tables;
        try (Stream<Path> s = Files.list(run.resolve("tables"))) {
            tables = s.filter(p -> !p.getFileName().toString().endsWith(".html")).sorted().toList();
        }
        assertTrue(tables.size() >= 5, tables.toString());
        for (Path t : tables) {
            Path copy = out.resolve("tables").resolve(t.getFileName().toString());
            assertEquals(-1, Files.mismatch(t, copy), t.getFileName() + " differs");
        }
        assertFalse(Files.exists(out.resolve("cells").resolve(ids.stream().filter(i -> i.startsWith("train-"))
                .findFirst().orElseThrow()).resolve("last")), "weights are not exported");
    }
}
