package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables of the hand-computed fixture run (see {@link RunDirFixture#standard}). */
class TablesTest {

    @TempDir
    Path dir;

    private ReportData data(PairedTest test, PaperValues paper) throws Exception {
        RunDirFixture.standard(dir);
        return ReportData.of(ResultRows.load(dir), test, 0.05, paper);
    }

    @Test
    void paperLayoutDevTable() throws Exception {
        List<TextTable> tables = PaperTables.build(data(new McNemar(), PaperValues.none()));
        assertEquals(List.of("tiny_dev", "tiny_advglue"), tables.stream().map(TextTable::name).toList());
        // SST-2: vanilla 75, 80 -> 77.50 ± 3.54; ROSE 95, 100 -> 97.50 ± 3.54, McNemar p = 2/2^8 < 0.05 -> *
        // RTE: vanilla 60, 70 -> 65.00 ± 7.07; ROSE 70, 70 -> 70.00 ± 0.00, p = 1
        // Avg: (77.5 + 65) / 2 = 71.25; (97.5 + 70) / 2 = 83.75
        assertEquals("""
                ### tiny · GLUE dev (clean): accuracy (%)

                | Method | SST-2 | RTE | Avg |
                |---|---:|---:|---:|
                | Vanilla | 77.50 ± 3.54 | 65.00 ± 7.07 | 71.25 |
                | ROSE-Ensemble | 97.50 ± 3.54* | 70.00 ± 0.00 | 83.75 |

                Accuracy (%), mean ± sample std (n − 1) over seeds 1, 2 (just the mean where one seed finished). \
                Avg = mean of the task means (– when a task is missing).
                Significance: * marks p < 0.05 against Vanilla, two-sided McNemar's exact test on per-example \
                correctness, same examples, pairs pooled over seeds.
                """, TableRenderers.markdown(tables.get(0)));
    }

    @Test
    void oneSeedShowsJustTheMeanAndOneTaskHasNoAvg() throws Exception {
        TextTable adv = PaperTables.build(data(new McNemar(), PaperValues.none())).get(1);
        assertEquals(List.of("Method", "SST-2"), adv.header());
        // vanilla 4/10, ROSE 6/10; discordant 2 vs 0 -> p = 0.5, no marker
        assertEquals(List.of(List.of("Vanilla", "40.00"), List.of("ROSE-Ensemble", "60.00")), adv.rows());
        assertTrue(adv.notes().get(0).startsWith("Accuracy (%), seed 1 (one seed: no std)."), adv.notes().get(0));
    }

    @Test
    void attackTable() throws Exception {
        List<TextTable> tables = AttackTables.build(data(new McNemar(), PaperValues.none()));
        assertEquals(1, tables.size());
        // orig. acc.: vanilla 50, 60; ROSE 90, 100. under attack: vanilla 20, 20; ROSE 70, 90 (p = 2/2^12 -> *)
        // success: vanilla 60, 66.67 -> 63.33 ± 4.71; ROSE 22.22, 10 -> 16.11 ± 8.64
        assertEquals("""
                ### tiny · textfooler attack on dev

                | Task | Method | Orig. acc. | Acc. under attack | Attack success | Perturbed words | Queries |
                |---|---|---:|---:|---:|---:|---:|
                | SST-2 | Vanilla | 55.00 ± 7.07 | 20.00 ± 0.00 | 63.33 ± 4.71 | 11.00 ± 1.41 | 35.00 ± 7.07 |
                | SST-2 | ROSE-Ensemble | 95.00 ± 7.07 | 80.00 ± 14.14* | 16.11 ± 8.64 | 15.00 ± 0.00 | 60.00 ± 14.14 |

                TextAttack's metrics: original accuracy, accuracy under attack, attack success rate and perturbed \
                words in %, queries = average victim queries per attacked example; mean ± sample std (n − 1) over \
                seeds 1, 2 (just the mean where one seed finished).
                Significance: * marks p < 0.05 against Vanilla, two-sided McNemar's exact test on per-example \
                robustness under attack (robust = the attack failed; skipped = originally wrong = not robust), same \
                examples, pairs pooled over seeds. Marked on accuracy under attack.
                """, TableRenderers.markdown(tables.get(0)));
    }

    @Test
    void pValuesPoolSeedsAndPairByExample() throws Exception {
        ReportData d = data(new McNemar(), PaperValues.none());
        assertEquals(2.0 / 256, d.significance().pValue("tiny", "sst2", "rose-ensemble", "dev"), 1e-15);
        assertEquals(1.0, d.significance().pValue("tiny", "rte", "rose-ensemble", "dev"), 1e-15);
        assertEquals(0.5, d.significance().pValue("tiny", "sst2", "rose-ensemble", "advglue"), 1e-15);
        assertEquals(2.0 / 4096, d.significance().pValue("tiny", "sst2", "rose-ensemble", "attack:textfooler:dev"),
                1e-15);
        assertNull(d.significance().pValue("tiny", "sst2", "vanilla", "dev"));
    }

    @Test
    void bootstrapMarksTheSameClearDifference() throws Exception {
        ReportData d = data(new PairedBootstrap(2000, 1), PaperValues.none());
        List<List<String>> rows = PaperTables.build(d).get(0).rows();
        assertEquals("97.50 ± 3.54*", rows.get(1).get(1));
        assertEquals("70.00 ± 0.00", rows.get(1).get(2));
        assertTrue(PaperTables.build(d).get(0).notes().get(1).contains("paired bootstrap (2,000 resamples, seed 1)"));
    }

    @Test
    void paperValuesPrintBesideReproducedOnes() throws Exception {
        Path csv = dir.resolve("paper.csv");
        Files.writeString(csv, """
                model,method,task,evaluation,value
                tiny,vanilla,sst2,dev,80.0
                tiny,ROSE-Ensemble,SST-2,dev,96.5
                tiny,rose-ensemble,avg,dev,84
                tiny,rose-ensemble,sst2,attack:textfooler:dev,77.1
                tiny,r3f,sst2,dev,70
                """);
        Files.createDirectories(dir.resolve("run"));
        RunDirFixture.standard(dir.resolve("run"));
        ReportData d = ReportData.of(ResultRows.load(dir.resolve("run")), new McNemar(), 0.05, PaperValues.read(csv));
        TextTable dev = PaperTables.build(d).get(0);
        assertEquals(List.of("Vanilla", "77.50 ± 3.54 (paper 80.0)", "65.00 ± 7.07", "71.25"), dev.rows().get(0));
        assertEquals(List.of("ROSE-Ensemble", "97.50 ± 3.54* (paper 96.5)", "70.00 ± 0.00", "83.75 (paper 84)"),
                dev.rows().get(1));
        assertTrue(dev.notes().contains("(paper X) = the value reported in the paper (from --paper)."));
        TextTable attack = AttackTables.build(d).get(0);
        assertEquals("80.00 ± 14.14* (paper 77.1)", attack.rows().get(1).get(3));
        assertEquals(List.of(csv + ":6 tiny/r3f/sst2/dev"), List.copyOf(d.paper().unused()));
    }

    @Test
    void noVanillaMeansNoMarksAndSaysWhy() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("r3f", "R3F", 0);
        f.eval("m", "sst2", "r3f", 1, "dev", RunDirFixture.alternating(4), 0);
        TextTable t = PaperTables.build(ReportData.of(ResultRows.load(dir), new McNemar(), 0.05,
                PaperValues.none())).get(0);
        assertEquals(List.of(List.of("R3F", "75.00")), t.rows());
        assertEquals("No significance marks: this table has no `vanilla` method to test against.", t.notes().get(1));
    }
}
