package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

    @TempDir
    Path dir;

    @Test
    void longFormatIsSortedAndFixedPrecision() throws Exception {
        RunDirFixture.standard(dir.resolve("run"));
        List<MetricRow> rows = LongMetrics.of(ResultRows.load(dir.resolve("run")));
        assertEquals(10 + 4 * 9, rows.size()); // one accuracy per eval cell, nine summary metrics per attack cell
        Path csv = dir.resolve("metrics.csv");
        MetricsCsv.write(csv, rows);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(List.of(
                "model,task,method,seed,evaluation,metric,value",
                "tiny,sst2,vanilla,1,dev,accuracy,75.0000",
                "tiny,sst2,vanilla,1,advglue,accuracy,40.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,succeeded,3.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,failed,2.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,skipped,5.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,original_accuracy,50.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,accuracy_under_attack,20.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,attack_success_rate,60.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,avg_perturbed_word_percent,10.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,avg_words_per_input,10.0000",
                "tiny,sst2,vanilla,1,attack:textfooler:dev,avg_queries,30.0000",
                "tiny,sst2,vanilla,2,dev,accuracy,80.0000"), lines.subList(0, 13));
        // vanilla before rose-ensemble (config order, not alphabetical), RTE after SST-2 (paper order)
        assertEquals("tiny,sst2,rose-ensemble,2,attack:textfooler:dev,attack_success_rate,10.0000", lines.get(39));
        assertEquals("tiny,rte,vanilla,1,dev,accuracy,60.0000", lines.get(43));
        assertEquals(rows.stream().map(r -> new MetricRow(r.model(), r.task(), r.method(), r.seed(),
                r.evaluation(), r.metric(), MetricsCsv.round(r.value()))).toList(), MetricsCsv.read(csv));
    }

    @Test
    void roundsHalfEvenAndWritesNaN() {
        assertEquals("22.2222", MetricsCsv.format(200.0 / 9));
        assertEquals("66.6667", MetricsCsv.format(200.0 / 3));
        assertEquals("NaN", MetricsCsv.format(Double.NaN));
        assertTrue(Double.isNaN(MetricsCsv.round(Double.NaN)));
    }

    @Test
    void readErrorsNameFileLineAndReason() throws Exception {
        Path csv = dir.resolve("ref.csv");
        Files.writeString(csv, "model,task,method,seed,evaluation,metric,value\nm,sst2,vanilla,1,dev,accuracy,80\n"
                + "m,sst2,vanilla,one,dev,accuracy,80\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(csv));
        assertEquals(csv + ":3: seed 'one' is not an integer", e.getMessage());

        Files.writeString(csv, "model,task,method,seed,evaluation,metric,value\nm,sst2,vanilla,1,dev,accuracy,80\n"
                + "m,sst2,vanilla,1,dev,accuracy,81\n");
        e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(csv));
        assertTrue(e.getMessage().startsWith(csv + ":3: duplicate of line 2"), e.getMessage());

        Files.writeString(csv, "model,task,method,seed,metric,value\n");
        e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(csv));
        assertTrue(e.getMessage().startsWith(csv + ": missing column 'evaluation'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().endsWith("nope.csv: no such file"), e.getMessage());
    }
}
