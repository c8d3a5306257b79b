package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        List<TextTable> tables = PaperTables.build(data(new McNemarOverSeeds(), PaperValues.none()));
        assertEquals(List.of("tiny_dev", "tiny_dev_delta", "tiny_advglue", "tiny_advglue_delta"),
                tables.stream().map(TextTable::name).toList());
        // SST-2: vanilla 75, 80 -> 77.50 ± 3.54; ROSE 95, 100 -> 97.50 ± 3.54, p = 2/2^5 = 0.0625: no marker
        // RTE: vanilla 60, 70 -> 65.00 ± 7.07; ROSE 70, 70 -> 70.00 ± 0.00, p = 1
        // Avg: (77.5 + 65) / 2 = 71.25; (97.5 + 70) / 2 = 83.75
        assertEquals("""
                ### tiny · GLUE dev (clean): accuracy (%)

                | Method | SST-2 | RTE | Avg |
                |---|---:|---:|---:|
                | Vanilla | 77.50 ± 3.54 (n=2) | 65.00 ± 7.07 (n=2) | 71.25 |
                | ROSE-Ensemble | 97.50 ± 3.54 (n=2) | 70.00 ± 0.00 (n=2) | 83.75 |

                Accuracy (%), mean ± sample std (n − 1) over seeds 1, 2 (just the mean where one seed finished); \
                (n=k) = seeds in the cell; † = incomplete: fewer than the 2 expected seeds (1, 2: every seed \
                finished in this table; the run directory has no config.yaml). Avg = mean of the task means (– when \
                a task is missing, † when one is incomplete).
                Significance: * marks p < 0.05 against Vanilla on per-example correctness; two-sided McNemar's exact \
                test with the examples as the unit (per example, the method's good outcomes minus its reference's, \
                Vanilla or a contrast's second method, summed over the paired seeds, whose sign is + or − with \
                probability ½ under H0; for one seed, McNemar's exact test; no p-value when the seeds do not pair).
                """, TableRenderers.markdown(tables.get(0)));
    }

    @Test
    void deltaTableGivesTheDifferenceWithItsInterval() throws Exception {
        TextTable delta = PaperTables.build(data(new McNemarOverSeeds(), PaperValues.none())).get(1);
        assertEquals("tiny · GLUE dev (clean): Δ accuracy vs Vanilla (points)", delta.title());
        assertEquals(List.of("Method", "SST-2", "RTE"), delta.header());
        // Δ SST-2 = 97.5 − 77.5 = 20, RTE = 70 − 65 = 5; the intervals come from the seeded bootstrap (default
        // 10,000 resamples, seed 1234), so they are stable; both contain Δ
        List<String> row = delta.rows().get(0);
        assertEquals("ROSE-Ensemble", row.get(0));
        assertTrue(row.get(1).matches("\\+20\\.00 \\[\\+\\d+\\.\\d\\d, \\+\\d+\\.\\d\\d\\] \\(n=2\\)"), row.get(1));
        assertTrue(row.get(2).matches("\\+5\\.00 \\[[+-]\\d+\\.\\d\\d, \\+\\d+\\.\\d\\d\\] \\(n=2\\)"), row.get(2));
        assertTrue(delta.notes().get(0).startsWith("Δ = method − Vanilla accuracy in points, mean over the seeds "
                + "both have"), delta.notes().get(0));
        assertTrue(delta.notes().get(0).contains("95% percentile interval of a paired bootstrap over seeds and "
                + "examples (10,000 resamples, seed 1234)"), delta.notes().get(0));
    }

    @Test
    void oneSeedShowsJustTheMeanAndOneTaskHasNoAvg() throws Exception {
        TextTable adv = PaperTables.build(data(new McNemarOverSeeds(), PaperValues.none())).get(2);
        assertEquals(List.of("Method", "SST-2"), adv.header());
        // vanilla 4/10, ROSE 6/10; discordant 2 vs 0 -> p = 0.5, no marker
        assertEquals(List.of(List.of("Vanilla", "40.00 (n=1)"), List.of("ROSE-Ensemble", "60.00 (n=1)")), adv.rows());
        assertTrue(adv.notes().get(0).startsWith("Accuracy (%), seed 1 (one seed: no std);"), adv.notes().get(0));
    }

    @Test
    void attackTable() throws Exception {
        List<TextTable> tables = AttackTables.build(data(new McNemarOverSeeds(), PaperValues.none()));
        assertEquals(1, tables.size());
        // orig. acc.: vanilla 50, 60; ROSE 90, 100. under attack: vanilla 20, 20; ROSE 70, 90 (p = 2/2^7 -> *)
        // success: vanilla 60, 66.67 -> 63.33 ± 4.71; ROSE 22.22, 10 -> 16.11 ± 8.64; Δ under attack 80 − 20 = 60
        TextTable t = tables.get(0);
        assertEquals(List.of("Task", "Method", "Seeds", "Orig. acc.", "Acc. under attack", "Attack success",
                "Perturbed words", "Queries", "Δ acc. under attack"), t.header());
        assertEquals(List.of("SST-2", "Vanilla", "2", "55.00 ± 7.07", "20.00 ± 0.00", "63.33 ± 4.71", "11.00 ± 1.41",
                "35.00 ± 7.07", "–"), t.rows().get(0));
        assertEquals(List.of("SST-2", "ROSE-Ensemble", "2", "95.00 ± 7.07", "80.00 ± 14.14*", "16.11 ± 8.64",
                "15.00 ± 0.00", "60.00 ± 14.14"), t.rows().get(1).subList(0, 8));
        assertTrue(t.rows().get(1).get(8).matches("\\+60\\.00 \\[\\+\\d+\\.\\d\\d, \\+\\d+\\.\\d\\d\\] \\(n=2\\)\\*"),
                t.rows().get(1).get(8));
        assertTrue(t.notes().get(1).startsWith("Significance: * marks p < 0.05 against Vanilla on per-example "
                + "robustness under attack"), t.notes().get(1));
        assertTrue(t.notes().get(2).startsWith("Δ = method − Vanilla accuracy under attack in points"));
    }

    @Test
    void bootstrapMarksTheDifferenceItsIntervalExcludes() throws Exception {
        ReportData d = data(new BootstrapTest(new PairedBootstrap(2000, 1)), PaperValues.none());
        List<TextTable> tables = PaperTables.build(d);
        Comparison sst = d.comparison("tiny", "sst2", "rose-ensemble", "dev");
        // SST-2: ROSE is better on every example that differs, so a resample reaches Δ* = 0 only when it draws none
        // of them (under 1% of resamples): 0 lies below the 2.5% quantile, and p = 2·(1 + #{Δ* ≤ 0})/2001 < 0.05
        assertTrue(sst.ciLow() > 0, sst.toString());
        assertEquals("97.50 ± 3.54 (n=2)*", tables.get(0).rows().get(1).get(1));
        assertEquals("70.00 ± 0.00 (n=2)", tables.get(0).rows().get(1).get(2));
        assertTrue(tables.get(0).notes().get(1).contains("paired bootstrap over seeds and examples (2,000 resamples, "
                + "seed 1)"), tables.get(0).notes().get(1));
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
        ReportData d = ReportData.of(ResultRows.load(dir.resolve("run")), new McNemarOverSeeds(), 0.05,
                PaperValues.read(csv));
        TextTable dev = PaperTables.build(d).get(0);
        assertEquals(List.of("Vanilla", "77.50 ± 3.54 (n=2) (paper 80.0)", "65.00 ± 7.07 (n=2)", "71.25"),
                dev.rows().get(0));
        assertEquals(List.of("ROSE-Ensemble", "97.50 ± 3.54 (n=2) (paper 96.5)", "70.00 ± 0.00 (n=2)",
                "83.75 (paper 84)"), dev.rows().get(1));
        assertTrue(dev.notes().contains("(paper X) = the value reported in the paper (from --paper)."));
        TextTable attack = AttackTables.build(d).get(0);
        assertEquals("80.00 ± 14.14* (paper 77.1)", attack.rows().get(1).get(4));
        assertEquals(List.of(csv + ":6 tiny/r3f/sst2/dev"), List.copyOf(d.paper().unused()));
    }

    @Test
    void noVanillaMeansNoMarksAndSaysWhy() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("r3f", "R3F", 0);
        f.eval("m", "sst2", "r3f", 1, "dev", RunDirFixture.alternating(4), 0);
        List<TextTable> tables = PaperTables.build(ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05,
                PaperValues.none()));
        assertEquals(1, tables.size()); // no Δ table either
        assertEquals(List.of(List.of("R3F", "75.00 (n=1)")), tables.get(0).rows());
        assertEquals("No significance marks: this table has no `vanilla` method to test against.",
                tables.get(0).notes().get(1));
    }

    @Test
    void cellsWithFewerSeedsThanConfiguredAreFlagged() throws Exception {
        // config asks for seeds 1, 2, 3; Vanilla finished all three on SST-2, R3F only 1 and 2 (and nothing on RTE
        // seed 3 for either)
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0).method("r3f", "R3F", 1);
        int[] labels = RunDirFixture.alternating(10);
        f.eval("m", "sst2", "vanilla", 1, "dev", labels, 0, 1);
        f.eval("m", "sst2", "vanilla", 2, "dev", labels, 0);
        f.eval("m", "sst2", "vanilla", 3, "dev", labels, 0, 1, 2);
        f.eval("m", "sst2", "r3f", 1, "dev", labels);
        f.eval("m", "sst2", "r3f", 2, "dev", labels, 5);
        f.eval("m", "rte", "vanilla", 1, "dev", labels, 0);
        f.eval("m", "rte", "vanilla", 2, "dev", labels, 0);
        f.eval("m", "rte", "r3f", 1, "dev", labels, 0);
        f.eval("m", "rte", "r3f", 2, "dev", labels);
        f.attack("m", "sst2", "vanilla", 1, "pwws", "dev", "kssfffffff", Double.NaN, 10);
        f.attack("m", "sst2", "vanilla", 2, "pwws", "dev", "ksffffffff", 20, 12);
        f.attack("m", "sst2", "r3f", 1, "pwws", "dev", "kfffffffff", 25, 14);
        Files.writeString(dir.resolve("config.yaml"), "name: x\nseeds: [1, 2, 3]\n");
        ReportData d = ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(),
                new PairedBootstrap(500, 1), 0.05, PaperValues.none(), ConfiguredSeeds.read(dir, w -> {}));

        TextTable dev = PaperTables.build(d).get(0);
        // vanilla SST-2 90, 80... : 80, 90, 70 -> 80.00 ± 10.00 over 3 seeds; R3F 100, 90 -> 95.00 ± 7.07 over 2
        assertEquals(List.of("Vanilla", "80.00 ± 10.00 (n=3)", "90.00 ± 0.00 (n=2†)", "85.00†"), dev.rows().get(0));
        assertEquals(List.of("R3F", "95.00 ± 7.07 (n=2†)", "95.00 ± 7.07 (n=2†)", "95.00†"), dev.rows().get(1));
        assertTrue(dev.notes().get(0).contains("† = incomplete: fewer than the 3 expected seeds (1, 2, 3: the "
                + "run's config.yaml and any other seed finished in this table)."), dev.notes().get(0));
        // Δ over the seeds both have: SST-2 seeds 1, 2: R3F 100, 90 vs Vanilla 80, 90 -> +10.00
        assertTrue(PaperTables.build(d).get(1).rows().get(0).get(1).startsWith("+10.00 ["),
                PaperTables.build(d).get(1).rows().get(0).toString());

        TextTable attack = AttackTables.build(d).get(0);
        assertEquals("2 of 3†", attack.rows().get(0).get(2));
        assertEquals("1 of 3†", attack.rows().get(1).get(2));
        // perturbed words: seed 1 of Vanilla is NaN, so that mean is over one seed
        assertEquals("20.00 (n=1)", attack.rows().get(0).get(6));
    }

    @Test
    void withoutAConfigTheMostSeedsInTheTableAreExpected() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0).method("r3f", "R3F", 1);
        int[] labels = RunDirFixture.alternating(4);
        f.eval("m", "sst2", "vanilla", 1, "dev", labels);
        f.eval("m", "sst2", "vanilla", 2, "dev", labels);
        f.eval("m", "sst2", "r3f", 2, "dev", labels, 1);
        List<List<String>> rows = PaperTables.build(ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05,
                PaperValues.none())).get(0).rows();
        assertEquals(List.of("Vanilla", "100.00 ± 0.00 (n=2)"), rows.get(0));
        assertEquals(List.of("R3F", "75.00 (n=1†)"), rows.get(1));
    }

    @Test
    void tasksTrainedOnASubsetAreMarkedInEveryTable() throws Exception {
        RunDirFixture.standard(dir);
        // the fixture's RTE models were trained on a subset: their rows say so, as the runner writes them
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().equals("result.json")).toList()) {
                var row = (com.fasterxml.jackson.databind.node.ObjectNode) RunDirFixture.JSON.readTree(f.toFile());
                row.putObject("train_data").put("kind", row.get("task").asText().equals("rte") ? "subset" : "official");
                RunDirFixture.JSON.writeValue(f.toFile(), row);
            }
        }
        ReportData data = ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05, PaperValues.none());
        for (TextTable t : PaperTables.build(data)) {
            boolean hasRte = t.header().contains("RTE‡");
            assertTrue(!t.header().contains("RTE"), "RTE unmarked in " + t.header());
            if (hasRte) {
                assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("‡ = trained on a subset of the official "
                        + "training set (RTE; the config's train_subsets)")), t.notes().toString());
            } else {
                assertTrue(t.notes().stream().noneMatch(n -> n.startsWith("‡")), t.notes().toString());
            }
        }
        assertEquals(List.of("Method", "SST-2", "RTE‡", "Avg"), PaperTables.build(data).get(0).header());
    }
}
