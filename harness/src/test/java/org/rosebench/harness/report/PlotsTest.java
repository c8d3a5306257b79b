package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void selectionLogReadsStepsAndNamesBadLines() throws Exception {
        Path log = dir.resolve("selection.jsonl");
        Files.writeString(log, "{\"step\":2,\"epoch\":1,\"kept_fraction\":0.5}\n\n"
                + "{\"step\":1,\"epoch\":1,\"kept_fraction\":0.604,\"frozen_fraction\":0.396}\n");
        assertEquals(Map.of(1L, 0.604, 2L, 0.5), SelectionLog.keptFraction(log));
        Files.writeString(log, "{\"step\":1,\"kept_fraction\":0.6}\n{\"step\":2}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelectionLog.keptFraction(log));
        assertEquals(log + ":2: missing number 'kept_fraction'", e.getMessage());
    }

    @Test
    void missingSelectionLogIsAWarningNotAFailure() throws Exception {
        RunDirFixture.standard(dir.resolve("run"));
        try (var cells = Files.walk(dir.resolve("run/cells"))) {
            for (Path p : cells.filter(p -> p.getFileName().toString().equals("selection.jsonl")).toList()) {
                Files.delete(p);
            }
        }
        ReportData data = ReportData.of(ResultRows.load(dir.resolve("run")), new McNemarOverSeeds(), 0.05,
                PaperValues.none());
        List<String> warnings = new ArrayList<>();
        List<Path> plots = Plots.write(data, dir.resolve("plots"), warnings::add);
        assertEquals(List.of("tiny_dev_accuracy.png", "tiny_advglue_accuracy.png", "tiny_sst2_attack.png",
                "tiny_sst2_clean-vs-advglue.png", "tiny_sst2_clean-vs-attack-textfooler-dev.png"),
                plots.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("selection.jsonl does not exist"), warnings.get(0));
    }
}
