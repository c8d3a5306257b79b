package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.cli.TableCommand;

class TableCommandTest {

    @TempDir
    Path dir;

    private static CliRunner.Run table(String... args) {
        return CliRunner.run(new TableCommand(), args);
    }

    @Test
    void writesTablesAndPlotsAndPrintsMarkdown() throws Exception {
        RunDirFixture.standard(dir);
        CliRunner.Run r = table(dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| ROSE-Ensemble | 97.50 ± 3.54 (n=2) | 70.00 ± 0.00 (n=2) | 83.75 |"), r.out());
        assertTrue(r.out().contains("### tiny · textfooler attack on dev"), r.out());
        Path tables = dir.resolve("tables");
        for (String f : List.of("metrics.csv", "summary.csv", "tables.md", "tables.html", "tiny_dev.csv", "tiny_dev.md",
                "tiny_dev_delta.csv", "tiny_dev_delta.md", "tiny_advglue.csv", "tiny_attack-textfooler-dev.csv",
                "tiny_attack-textfooler-dev.md")) {
            assertTrue(Files.isRegularFile(tables.resolve(f)), f);
        }
        assertEquals(List.of("Method,SST-2,RTE,Avg", "Vanilla,77.50 ± 3.54 (n=2),65.00 ± 7.07 (n=2),71.25",
                "ROSE-Ensemble,97.50 ± 3.54 (n=2),70.00 ± 0.00 (n=2),83.75"),
                Files.readAllLines(tables.resolve("tiny_dev.csv")));
        List<String> summary = Files.readAllLines(tables.resolve("summary.csv"));
        assertEquals("model,evaluation,task,method,metric,n,n_expected,mean,std,delta,ci_low,ci_high,p_value,test,"
                + "n_seeds,n_baseline_seeds,n_examples,paper", summary.get(0));
        // p = 2/2^5 over the 5 examples that differ (RunDirFixture#standard); Δ = 97.5 − 77.5; 20 examples
        String sst = summary.stream().filter(l -> l.startsWith("tiny,dev,sst2,rose-ensemble,accuracy,")).findFirst()
                .orElseThrow();
        assertTrue(sst.matches("tiny,dev,sst2,rose-ensemble,accuracy,2,2,97\\.5000,3\\.5355,20\\.0000,"
                + "\\d+\\.\\d{4},\\d+\\.\\d{4},0\\.0625,"
                + "McNemar's exact test over 2 seeds \\(examples as the unit\\),2,2,20,"), sst);
        assertTrue(summary.contains("tiny,dev,sst2,vanilla,accuracy,2,2,77.5000,3.5355,,,,,,,,,"),
                String.join("\n", summary));
        String html = Files.readString(tables.resolve("tables.html"));
        assertTrue(html.contains("<td class=\"n\">97.50 ± 3.54 (n=2)</td>"), html);

        for (String png : List.of("tiny_dev_accuracy.png", "tiny_advglue_accuracy.png", "tiny_sst2_attack.png",
                "tiny_sst2_kept-fraction.png", "tiny_sst2_clean-vs-advglue.png",
                "tiny_sst2_clean-vs-attack-textfooler-dev.png")) {
            BufferedImage img = ImageIO.read(dir.resolve("plots").resolve(png).toFile());
            assertNotNull(img, png);
            assertEquals(Charts.WIDTH, img.getWidth());
            assertNotNull(PlotCaptions.read(dir.resolve("plots").resolve(png)), png + " has a caption");
        }
        assertTrue(r.out().contains("and 6 plots to"), r.out());
        assertTrue(r.out().contains("report: " + tables.resolve("report.html")), r.out());
        assertTrue(Files.readString(tables.resolve("report.html")).contains("<td class=\"n\">97.50 ± 3.54 (n=2)</td>"));
    }

    @Test
    void secondRunWritesIdenticalTables() throws Exception {
        RunDirFixture.standard(dir);
        assertEquals(0, table(dir.toString(), "--no-plots").code());
        String first = Files.readString(dir.resolve("tables/tables.md")) + Files.readString(dir.resolve("tables/metrics.csv"));
        assertEquals(0, table(dir.toString(), "--no-plots").code());
        assertEquals(first, Files.readString(dir.resolve("tables/tables.md"))
                + Files.readString(dir.resolve("tables/metrics.csv")));
        assertFalse(Files.exists(dir.resolve("plots")));
    }

    @Test
    void jsonPaperAndBootstrap() throws Exception {
        RunDirFixture.standard(dir.resolve("run"));
        Path paper = dir.resolve("paper.csv");
        Files.writeString(paper, "model,method,task,evaluation,value\ntiny,vanilla,sst2,dev,80.0\ntiny,magic,sst2,dev,1\n");
        CliRunner.Run r = table(dir.resolve("run").toString(), "--json", "--no-plots", "--paper", paper.toString(),
                "--test", "bootstrap", "--bootstrap-samples", "500", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = RunDirFixture.JSON.readTree(r.out());
        assertEquals(6, json.get("tables").size()); // dev, its Δ, advglue, its Δ, predicted classes, the attack
        assertEquals("77.50 ± 3.54 (n=2) (paper 80.0)", json.get("tables").get(0).get("rows").get(0).get(1).asText());
        assertTrue(json.get("test").asText().startsWith("paired bootstrap over seeds and examples (500 resamples"),
                json.toString());
        assertTrue(json.get("warnings").get(0).asText().contains("tiny/magic/sst2/dev"), json.toString());
        assertTrue(Files.isRegularFile(dir.resolve("out/metrics.csv")));
        assertEquals(dir.resolve("out/report.html").toString(), json.get("report").asText());
    }

    @Test
    void configuredSeedsFlagIncompleteCells() throws Exception {
        RunDirFixture.standard(dir);
        Files.writeString(dir.resolve(ConfiguredSeeds.CONFIG), "name: fixture\nseeds: [1, 2, 3]\n");
        CliRunner.Run r = table(dir.toString(), "--no-plots", "--bootstrap-samples", "200");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| Vanilla | 77.50 ± 3.54 (n=2†) | 65.00 ± 7.07 (n=2†) | 71.25† |"), r.out());
        assertTrue(r.out().contains("† = incomplete: fewer than the 3 expected seeds (1, 2, 3: the run's "
                + "config.yaml and any other seed finished in this table)."), r.out());
        assertTrue(r.out().contains("| SST-2 | Vanilla | 2 of 3† |"), r.out());
        assertTrue(Files.readAllLines(dir.resolve("tables/summary.csv"))
                .contains("tiny,dev,sst2,vanilla,accuracy,2,3,77.5000,3.5355,,,,,,,,,"));
    }

    @Test
    void errorsAndUsage() throws Exception {
        CliRunner.Run missing = table(dir.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("rose-bench: error: ") && missing.err().contains("no such directory"),
                missing.err());

        Files.createDirectories(dir.resolve("empty/cells"));
        CliRunner.Run empty = table(dir.resolve("empty").toString());
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("no finished eval, attack or landscape cell"), empty.err());

        assertEquals(2, table(dir.toString(), "--test", "ttest").code());
        assertEquals(2, table().code());
        assertEquals(2, table(dir.toString(), "--alpha", "2").code());
    }
}
