package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.cli.TableCommand;

class ContrastTablesTest {

    @TempDir
    Path dir;

    /**
     * The standard fixture plus R3F on SST-2 dev: seed 1 wrong {0, 1} (90%), seed 2 wrong {0, 1, 2} (85%). Against
     * ROSE-Ensemble (wrong {0}, {}): Δ = 97.5 − 87.5 = 10 points; per example the differences summed over the two
     * seeds are D = 1, 2, 1 on examples 0..2 and 0 elsewhere, t = 4 = the maximum of 2^3 sign patterns, so the
     * two-sided p = 2/8 = 0.25.
     */
    private ReportData fixture() throws Exception {
        RunDirFixture f = RunDirFixture.standard(dir).method("r3f", "R3F", 2);
        int[] sst = RunDirFixture.alternating(20);
        f.eval("tiny", "sst2", "r3f", 1, "dev", sst, RunDirFixture.range(0, 2));
        f.eval("tiny", "sst2", "r3f", 2, "dev", sst, RunDirFixture.range(0, 3));
        return ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05, PaperValues.none());
    }

    private static ContrastTables.Cell cell(ContrastTables t, String treatment, String control, String evaluation,
            String task) {
        return t.cells().stream().filter(c -> c.contrast().treatment().equals(treatment)
                && c.contrast().control().equals(control) && c.evaluation().equals(evaluation)
                && c.task().equals(task)).findFirst().orElseThrow();
    }

    @Test
    void contrastBetweenTwoNonBaselineMethodsMatchesHandComputation() throws Exception {
        ContrastTables t = ContrastTables.of(fixture(), List.of(Contrast.parse("ROSE-Ensemble vs R3F")));
        assertEquals(1, t.cells().size(), t.cells().toString());
        Comparison c = cell(t, "rose-ensemble", "r3f", "dev", "sst2").comparison();
        assertEquals(10.0, c.delta(), 1e-12);
        assertEquals(0.25, c.pValue(), 1e-15);
        assertEquals(2, c.methodSeeds());
        assertTrue(c.pairedSeeds());
        assertEquals(20, c.examples());
        assertTrue(c.ciLow() <= 10 && 10 <= c.ciHigh(), c.toString());
    }

    @Test
    void reversedContrastNegatesDeltaAndKeepsTheTwoSidedP() throws Exception {
        ReportData data = fixture();
        ContrastTables t = ContrastTables.of(data, List.of(Contrast.parse("vanilla vs rose-ensemble")));
        Comparison forward = data.comparison("tiny", "sst2", "rose-ensemble", "dev");
        Comparison back = cell(t, "vanilla", "rose-ensemble", "dev", "sst2").comparison();
        assertEquals(-forward.delta(), back.delta(), 1e-12);
        assertEquals(forward.pValue(), back.pValue(), 1e-15);
        assertEquals(-forward.ciHigh(), back.ciLow(), 1e-9);
        assertEquals(-forward.ciLow(), back.ciHigh(), 1e-9);
    }

    @Test
    void holmAdjustsOverEveryCellOfAModel() throws Exception {
        // p-values (RunDirFixture#standard and above): 0.015625 (attack), 0.0625 (dev SST-2), 0.25 (vs R3F),
        // 0.5 (AdvGLUE), 1 (dev RTE); Holm: 5 × 0.015625, 4 × 0.0625, 3 × 0.25, max(0.75, 2 × 0.5), 1
        ContrastTables t = ContrastTables.of(fixture(), List.of(Contrast.parse("ROSE-Ensemble vs Vanilla"),
                Contrast.parse("ROSE-Ensemble vs R3F")));
        assertEquals(5, t.cells().size());
        assertEquals(0.078125, cell(t, "rose-ensemble", "vanilla", "attack:textfooler:dev", "sst2").holm(), 1e-15);
        assertEquals(0.25, cell(t, "rose-ensemble", "vanilla", "dev", "sst2").holm(), 1e-15);
        assertEquals(0.75, cell(t, "rose-ensemble", "r3f", "dev", "sst2").holm(), 1e-15);
        assertEquals(1.0, cell(t, "rose-ensemble", "vanilla", "advglue", "sst2").holm(), 1e-15);
        assertEquals(1.0, cell(t, "rose-ensemble", "vanilla", "dev", "rte").holm(), 1e-15);
        TextTable table = t.tables().get(0);
        assertEquals(List.of("ROSE-Ensemble − Vanilla", "ROSE-Ensemble − R3F"),
                table.rows().stream().map(r -> r.get(0)).toList());
        // the R3F row has only the SST-2 dev column
        assertEquals(1, table.rows().get(1).stream().filter(s -> !s.equals("–")).count() - 1, table.toString());
    }

    @Test
    void holmLeavesCellsWithoutPValueAlone() {
        Contrast c = new Contrast("a", "b");
        List<ContrastTables.Cell> out = ContrastTables.holm(List.of(
                new ContrastTables.Cell("m", "dev", "sst2", c, new Comparison(1, 0, 2, null, "", 1, 1, true, 5), null),
                new ContrastTables.Cell("m", "dev", "rte", c, new Comparison(1, 0, 2, 0.02, "t", 1, 1, true, 5), null)));
        assertNull(out.get(0).holm());
        assertEquals(0.02, out.get(1).holm(), 1e-15);
    }

    @Test
    void badContrastsAreRefusedWithTheMethodsOfTheRun() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Contrast.parse("ROSE-Ensemble"));
        assertThrows(IllegalArgumentException.class, () -> Contrast.parse(" vs R3F"));
        ReportData data = fixture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContrastTables.of(data, List.of(Contrast.parse("ROSE-First vs Vanilla"))));
        assertTrue(e.getMessage().contains("no method 'ROSE-First'") && e.getMessage().contains("R3F"),
                e.getMessage());
        assertTrue(e instanceof org.rosebench.core.BadInput, "bad input: exit code 2 from the CLI");
        assertThrows(IllegalArgumentException.class,
                () -> ContrastTables.of(data, List.of(Contrast.parse("R3F vs r3f"))));
    }

    @Test
    void tableCommandWritesContrastTableAndCsv() throws Exception {
        fixture();
        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots",
                "--contrast", "ROSE-Ensemble vs R3F");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("### tiny · contrasts between methods"), r.out());
        assertTrue(r.out().contains("| ROSE-Ensemble − R3F | +10.00 ["), r.out());
        // Δ = +10 with Holm p = 0.25 on 20 examples: neither holds nor is refuted
        assertTrue(r.out().contains("### tiny · verdicts on the contrasts"), r.out());
        assertTrue(r.out().contains("| ROSE-Ensemble > R3F | cannot be told ("), r.out());
        List<String> csv = Files.readAllLines(dir.resolve("tables").resolve("contrasts.csv"));
        assertEquals(String.join(",", ContrastTables.HEADER), csv.get(0));
        assertTrue(csv.get(1).startsWith("tiny,dev,sst2,rose-ensemble,r3f,10.0000,"), csv.get(1));
        assertTrue(csv.get(1).contains(",0.25,0.25,"), csv.get(1));
        assertTrue(csv.get(1).contains(",20,undetermined,"), csv.get(1));
        CliRunner.Run badRule = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots",
                "--contrast", "ROSE-Ensemble vs R3F", "--power", "1.5");
        assertEquals(2, badRule.code(), badRule.out() + badRule.err());
        CliRunner.Run bad = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast", "R3F");
        assertEquals(2, bad.code(), bad.out() + bad.err());
        CliRunner.Run unknown = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast",
                "ROSE-First vs R3F");
        assertTrue(unknown.code() != 0, unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("no method 'ROSE-First'"), unknown.err());
    }

    /** A run in progress: a requested contrast whose methods share no evaluation yet keeps its row, with dashes. */
    @Test
    void contrastWithoutSharedResultsKeepsItsRow() throws Exception {
        fixture();
        new RunDirFixture(dir).method("childtuning-d", "ChildTuning-D", 3).train("tiny", "sst2", "childtuning-d", 1,
                null);
        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots",
                "--contrast", "ChildTuning-D vs Vanilla", "--contrast", "ROSE-Ensemble vs R3F");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| ChildTuning-D − Vanilla | – |"), r.out());
        assertTrue(r.out().contains("| ChildTuning-D > Vanilla | – |"), r.out());
        assertTrue(r.out().indexOf("| ChildTuning-D − Vanilla") < r.out().indexOf("| ROSE-Ensemble − R3F"),
                "rows in the order asked: " + r.out());
    }
}
