package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors exit non-zero with one line on stderr and no stack trace unless --verbose. */
class CliErrorsTest {

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void missingCheckpointIsOneLine(@TempDir Path dir) {
        CliRun r = run("eval", "--checkpoint", dir.resolve("nope").toString(), "--task", "sst2", "--data",
                dir.toString());
        assertEquals(2, r.code()); // a missing checkpoint or data file is bad input
        assertTrue(r.err().startsWith("rose-bench: error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownTaskAndMethodNameTheValidOnes(@TempDir Path dir) {
        CliRun task = run("train", "--model", "minilm-l6", "--task", "cola", "--out", dir.toString());
        assertEquals(1, task.code());
        assertTrue(task.err().contains("cola") && task.err().contains("sst2"), task.err());
        CliRun method = run("train", "--model", "minilm-l6", "--task", "sst2", "--method", "magic", "--out",
                dir.toString());
        assertEquals(1, method.code());
        assertTrue(method.err().contains("magic") && method.err().contains("vanilla"), method.err());
    }

    @Test
    void unknownParameterListsKnownOnes(@TempDir Path dir) {
        CliRun r = run("train", "--model", "minilm-l6", "--task", "sst2", "--method", "rose-first", "--param", "uper=60",
                "--out", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("uper") && r.err().contains("upper"), r.err());
    }

    @Test
    void anUnknownWorkerOrderIsAUsageErrorNamingTheValidOnes(@TempDir Path dir) {
        CliRun r = run("run", dir.resolve("any.yaml").toString(), "--order", "shortest-first");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("shortest-first") && r.err().contains("models-first")
                && r.err().contains("longest-first"), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace(@TempDir Path dir) {
        CliRun r = run("eval", "--verbose", "--checkpoint", dir.resolve("nope").toString(), "--task", "sst2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void gradAccumStepsAboveTheBatchSizeIsAUsageError(@TempDir Path dir) {
        CliRun r = run("train", "--model", "minilm-l6", "--task", "sst2", "--batch-size", "4", "--grad-accum-steps",
                "8", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("grad_accum_steps (8) must not exceed batch_size (4)"), r.err());
        assertFalse(Files.exists(dir.resolve("train.log")), "nothing was trained");
    }

    @Test
    void unknownDropoutMaskSourceIsAUsageErrorNamingTheKnownOnes(@TempDir Path dir) {
        CliRun r = run("train", "--model", "minilm-l6", "--task", "sst2", "--dropout-masks", "philox", "--out",
                dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("philox") && r.err().contains("libtorch, counter"), r.err());
        assertFalse(Files.exists(dir.resolve("train.log")), "nothing was trained");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("train", "--task", "sst2").code());
    }

    @Test
    void methodsListsSelectorsAndPresetsAsJson() throws Exception {
        CliRun r = run("methods", "--json");
        assertEquals(0, r.code(), r.err());
        var node = Json.MAPPER.readTree(r.out());
        assertTrue(node.get("methods").toString().contains("vanilla"));
        assertTrue(node.get("selectors").toString().contains("rose-ensemble"));
        CliRun p = run("methods", "--presets", "--json");
        assertTrue(Json.MAPPER.readTree(p.out()).get("presets").size() >= 24, p.out());
    }

    @Test
    void badDataFileNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path sst = Files.createDirectories(dir.resolve("glue/SST-2"));
        Files.writeString(sst.resolve("dev.tsv"), "sentence\tlabel\ngood movie\t1\nbad movie\tmaybe\n");
        CliRun r = run("eval", "--checkpoint", dir.toString(), "--task", "sst2", "--data", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dev.tsv:3") && r.err().contains("maybe"), r.err());
    }

    @Test
    void aBadMatrixConfigNamesFileLineAndSettingBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("m.yaml");
        Files.writeString(config, "name: m\nmodels: [minilm-l6]\ntasks: [sst2]\nseeds: [1]\nmethods:\n"
                + "  - {spec: rose-first, params: {upper: lots}}\nout_dir: " + dir.resolve("run") + "\n");
        CliRun r = run("run", config.toString(), "--data", System.getProperty("rose.data.dir", "../data"));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("rose-bench: error: " + config + ":6: methods.0: "), r.err());
        assertTrue(r.err().contains("upper"), r.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing ran");
    }
}
