package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.cli.RegressCommand;

class RegressCommandTest {

    @TempDir
    Path dir;

    private Path run;
    private Path reference;

    private static CliRunner.Run regress(String... args) {
        return CliRunner.run(new RegressCommand(), args);
    }

    @BeforeEach
    void writeRunAndReference() throws Exception {
        run = dir.resolve("run");
        RunDirFixture.standard(run);
        reference = dir.resolve("reference.csv");
        CliRunner.Run w = regress(run.toString(), "--write-reference", reference.toString());
        assertEquals(0, w.code(), w.err());
        assertTrue(w.out().contains("wrote 46 reference rows"), w.out());
    }

    /** Replaces the value of the row starting with {@code prefix}. */
    private void doctor(String prefix, String value) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(reference));
        int hits = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix + ",")) {
                lines.set(i, prefix + "," + value);
                hits++;
            }
        }
        assertEquals(1, hits, prefix);
        Files.write(reference, lines);
    }

    @Test
    void unchangedRunPassesEvenWithZeroTolerance() {
        CliRunner.Run r = regress(run.toString(), "--reference", reference.toString(), "--tolerance", "0");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("regress: 46 rows: 46 ok, 0 outside tolerance, 0 missing, 0 unexpected\n", r.out());
    }

    @Test
    void valueBeyondToleranceFailsAndNamesTheRow() throws Exception {
        doctor("tiny,sst2,rose-ensemble,2,dev,accuracy", "98.5"); // actual 100, default tolerance 1.0
        CliRunner.Run r = regress(run.toString(), "--reference", reference.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("""
                | model | task | method        | seed | evaluation | metric   | reference | actual   | delta   | tolerance | status |
                |-------|------|---------------|------|------------|----------|-----------|----------|---------|-----------|--------|
                | tiny  | sst2 | rose-ensemble | 2    | dev        | accuracy | 98.5000   | 100.0000 | +1.5000 | 1         | FAIL   |
                regress: 46 rows: 45 ok, 1 outside tolerance, 0 missing, 0 unexpected -> REGRESSION
                """, r.out());
    }

    @Test
    void valueWithinToleranceStillPasses() throws Exception {
        doctor("tiny,sst2,rose-ensemble,2,dev,accuracy", "99.5");
        doctor("tiny,sst2,vanilla,1,advglue,accuracy", "41.9"); // advglue:accuracy default 2
        assertEquals(0, regress(run.toString(), "--reference", reference.toString()).code());
        // a per-metric override tightens one metric only
        CliRunner.Run tight = regress(run.toString(), "--reference", reference.toString(), "--tolerance",
                "advglue:accuracy=1");
        assertEquals(1, tight.code());
        assertTrue(tight.out().contains("| advglue    | accuracy | 40.0000   | 40.0000"
                .replace("40.0000   | 40.0000", "41.9000   | 40.0000")), tight.out());
    }

    @Test
    void missingRowFailsAndUnexpectedRowIsOnlyListed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(reference));
        lines.add("tiny,sst2,vanilla,3,dev,accuracy,77.0000"); // a seed the run no longer has
        lines.removeIf(l -> l.startsWith("tiny,rte,rose-ensemble,2,dev,accuracy,")); // the run has it: unexpected
        Files.write(reference, lines);
        CliRunner.Run r = regress(run.toString(), "--reference", reference.toString(), "--json");
        assertEquals(1, r.code());
        JsonNode json = RunDirFixture.JSON.readTree(r.out());
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals(1, json.get("counts").get("missing").asInt());
        assertEquals(1, json.get("counts").get("unexpected").asInt());
        assertEquals("MISSING", json.get("rows").get(0).get("status").asText());
        assertEquals("3", json.get("rows").get(0).get("seed").asText());
        assertEquals("UNEXPECTED", json.get("rows").get(1).get("status").asText());
        assertEquals("rte", json.get("rows").get(1).get("task").asText());

        lines.removeIf(l -> l.startsWith("tiny,sst2,vanilla,3,"));
        Files.write(reference, lines);
        assertEquals(0, regress(run.toString(), "--reference", reference.toString()).code());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, regress(run.toString()).code()); // neither --reference nor --write-reference
        assertEquals(2, regress(run.toString(), "--reference", reference.toString(), "--tolerance", "abc").code());
        CliRunner.Run typo = regress(run.toString(), "--reference", reference.toString(), "--tolerance", "acuracy=1");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown metric 'acuracy'"), typo.err());
        assertEquals(2, regress().code());
    }

    @Test
    void helpListsTheDefaultTolerances() {
        String help = String.join(" ", new picocli.CommandLine(new RegressCommand()).getCommandSpec()
                .findOption("--tolerance").description());
        Tolerances.DEFAULTS.forEach((key, value) -> assertTrue(help.contains(key + " "
                + java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()), key + " in " + help));
        assertTrue(help.contains("any other metric " + (int) Tolerances.FALLBACK), help);
    }

    @Test
    void badReferenceIsAnErrorNamingTheLine() throws Exception {
        Files.writeString(reference, "model,task,method,seed,evaluation,metric,value\ntiny,sst2,vanilla,1,dev,accuracy,x\n");
        CliRunner.Run r = regress(run.toString(), "--reference", reference.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("rose-bench: error: " + reference + ":2: value 'x' is not a number"), r.err());
    }
}
