package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultRowsTest {

    @TempDir
    Path dir;

    @Test
    void loadsFinishedCellsAndSkipsUnfinishedOnes() throws Exception {
        RunDirFixture.standard(dir);
        List<ResultRow> rows = ResultRows.load(dir);
        assertEquals(10 + 4 + 3, rows.size()); // eval, attack, train; the unfinished cell is left out
        ResultRow eval = rows.stream().filter(r -> r.kind().equals("eval") && r.method().equals("vanilla")
                && r.task().equals("sst2") && r.seed() == 1 && r.evaluation().equals("dev")).findFirst().orElseThrow();
        assertEquals(75.0, eval.metrics().get("accuracy"), 1e-12);
        assertEquals("Vanilla", eval.methodLabel());
        assertEquals(0, eval.methodOrder());
        assertEquals(20, eval.outcomes().size());

        ResultRow attack = rows.stream().filter(r -> r.kind().equals("attack") && r.method().equals("rose-ensemble")
                && r.seed() == 1).findFirst().orElseThrow();
        assertEquals("attack:textfooler:dev", attack.evaluation());
        assertEquals(70.0, attack.metrics().get("accuracy_under_attack"), 1e-12);
        assertEquals(200.0 / 9, attack.metrics().get("attack_success_rate"), 1e-12);
        assertEquals(1.0, attack.metrics().get("skipped"));

        ResultRow train = rows.stream().filter(r -> r.kind().equals("train") && r.method().equals("rose-ensemble")
                && r.seed() == 1).findFirst().orElseThrow();
        assertNotNull(train.selectionLog());
        assertTrue(Files.isRegularFile(train.selectionLog()), train.selectionLog().toString());
        assertNull(rows.stream().filter(r -> r.kind().equals("train") && r.method().equals("vanilla"))
                .findFirst().orElseThrow().selectionLog());
    }

    @Test
    void malformedJsonNamesTheFile() throws Exception {
        Path bad = new RunDirFixture(dir).rawResult("eval-0000000000000001", "{\"kind\": \"eval\", ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultRows.load(dir));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("not valid JSON"),
                e.getMessage());
    }

    @Test
    void missingOrWrongFieldsNameFileAndField() throws Exception {
        RunDirFixture f = new RunDirFixture(dir);
        Path noSeed = f.rawResult("eval-0000000000000002", "{\"kind\":\"eval\",\"cell\":\"eval-2\",\"model\":\"m\","
                + "\"task\":\"sst2\",\"method\":\"vanilla\",\"split\":\"dev\",\"accuracy\":0.5}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultRows.parse(noSeed));
        assertEquals(noSeed + ": missing field 'seed'", e.getMessage());

        Path percent = f.rawResult("eval-0000000000000003", "{\"kind\":\"eval\",\"cell\":\"eval-3\",\"model\":\"m\","
                + "\"task\":\"sst2\",\"method\":\"vanilla\",\"seed\":1,\"split\":\"dev\",\"accuracy\":85.1}");
        e = assertThrows(IllegalArgumentException.class, () -> ResultRows.parse(percent));
        assertTrue(e.getMessage().contains(percent.toString()) && e.getMessage().contains("[0, 1]"), e.getMessage());

        Path lengths = f.rawResult("eval-0000000000000004", "{\"kind\":\"eval\",\"cell\":\"eval-4\",\"model\":\"m\","
                + "\"task\":\"sst2\",\"method\":\"vanilla\",\"seed\":1,\"split\":\"dev\",\"accuracy\":0.5,"
                + "\"predictions\":[1,0],\"labels\":[1]}");
        e = assertThrows(IllegalArgumentException.class, () -> ResultRows.parse(lengths));
        assertEquals(lengths + ": 2 predictions but 1 labels", e.getMessage());

        Path outcome = f.rawResult("attack-0000000000000005", "{\"kind\":\"attack\",\"cell\":\"a\",\"model\":\"m\","
                + "\"task\":\"sst2\",\"method\":\"vanilla\",\"seed\":1,\"recipe\":\"pwws\",\"split\":\"dev\","
                + "\"summary\":{\"accuracy_under_attack\":50.0},\"example_indices\":[0],\"outcomes\":[\"broken\"]}");
        e = assertThrows(IllegalArgumentException.class, () -> ResultRows.parse(outcome));
        assertTrue(e.getMessage().startsWith(outcome + ": outcome 0 is 'broken'"), e.getMessage());

        Path kind = f.rawResult("x-0000000000000006", "{\"kind\":\"plot\",\"cell\":\"x\",\"model\":\"m\","
                + "\"task\":\"sst2\",\"method\":\"vanilla\",\"seed\":1}");
        e = assertThrows(IllegalArgumentException.class, () -> ResultRows.parse(kind));
        assertTrue(e.getMessage().contains("unknown kind 'plot'"), e.getMessage());
    }

    @Test
    void nanSummaryValuesAreKeptAsNaN() throws Exception {
        Path file = new RunDirFixture(dir).rawResult("attack-0000000000000007", "{\"kind\":\"attack\",\"cell\":\"a\","
                + "\"model\":\"m\",\"task\":\"sst2\",\"method\":\"vanilla\",\"seed\":1,\"recipe\":\"pwws\","
                + "\"split\":\"dev\",\"summary\":{\"accuracy_under_attack\":0.0,"
                + "\"avg_perturbed_word_percent\":null,\"avg_queries\":\"NaN\",\"avg_words_per_input\":NaN}}");
        ResultRow row = ResultRows.parse(file);
        assertTrue(Double.isNaN(row.metrics().get("avg_perturbed_word_percent")));
        assertTrue(Double.isNaN(row.metrics().get("avg_queries")));
        assertTrue(Double.isNaN(row.metrics().get("avg_words_per_input")));
        assertNull(row.outcomes());
    }

    @Test
    void twoResultsForTheSameMeasurementAreAnError() throws Exception {
        RunDirFixture f = new RunDirFixture(dir);
        int[] labels = RunDirFixture.alternating(4);
        f.eval("m", "sst2", "vanilla", 1, "dev", labels);
        // same measurement under another cell id, as left behind by an earlier config
        Path copy = Files.createDirectories(dir.resolve("cells/eval-zzzzzzzzzzzzzzzz"));
        try (var s = Files.list(dir.resolve("cells"))) {
            Path original = s.filter(p -> !p.equals(copy)).findFirst().orElseThrow();
            Files.copy(original.resolve("result.json"), copy.resolve("result.json"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultRows.load(dir));
        assertTrue(e.getMessage().contains("a second result for eval m/sst2/vanilla seed 1 dev")
                && e.getMessage().contains("eval-zzzzzzzzzzzzzzzz"), e.getMessage());
    }

    @Test
    void oneSpecListedTwiceWithDifferentLabelsGivesTwoMethods() throws Exception {
        RunDirFixture f = new RunDirFixture(dir);
        f.eval("m", "sst2", "rose-first", 1, "dev", RunDirFixture.alternating(4));
        // the same spec trained at another learning rate: its own cell and its own label
        Path copy = Files.createDirectories(dir.resolve("cells/eval-zzzzzzzzzzzzzzzz"));
        Path original;
        try (var s = Files.list(dir.resolve("cells"))) {
            original = s.filter(p -> !p.equals(copy)).findFirst().orElseThrow();
        }
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) RunDirFixture.JSON.readTree(
                original.resolve("result.json").toFile());
        json.put("method_label", "ROSE-First lr 2e-4");
        RunDirFixture.JSON.writeValue(copy.resolve("result.json").toFile(), json);

        List<ResultRow> rows = ResultRows.load(dir);
        assertEquals(2, rows.size());
        java.util.Set<String> methods = new java.util.TreeSet<>();
        rows.forEach(r -> methods.add(r.method()));
        String firstLabel = rows.stream().map(ResultRow::methodLabel).filter(l -> !l.contains("2e-4")).findFirst()
                .orElseThrow();
        assertEquals(java.util.Set.of(firstLabel, "ROSE-First lr 2e-4"), methods);
    }

    @Test
    void notARunDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultRows.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("cells: no such directory"), e.getMessage());
    }
}
