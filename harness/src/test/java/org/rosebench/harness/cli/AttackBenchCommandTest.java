package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options and argument checks of attack-bench and calibrate-encoder (no model is loaded). */
class AttackBenchCommandTest {

    private static Path tinySst2(Path dir) throws Exception {
        Path sst = Files.createDirectories(dir.resolve("glue").resolve("SST-2"));
        Files.writeString(sst.resolve("dev.tsv"), "sentence\tlabel\na fine film .\t1\na dull film .\t0\n");
        return dir;
    }

    private static int run(Object command, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void attackBenchDefaultsToFiftyTextFoolerExamplesOnTheDemoVictim() {
        AttackBenchCommand c = CommandLine.populateCommand(new AttackBenchCommand());
        assertEquals(50, c.numExamples);
        assertEquals("textfooler", c.recipe);
        assertEquals("sst2", c.task);
        assertEquals(Path.of("runs/demo-methods/vanilla/last"), c.checkpoint);
        assertTrue(c.replay);
        assertEquals(0, c.threads);
        assertFalse(CommandLine.populateCommand(new AttackBenchCommand(), "--no-replay").replay);
        assertEquals(1, CommandLine.populateCommand(new AttackBenchCommand(), "--threads", "1").threads);
    }

    @Test
    void attackBenchRefusesExamplesOutsideTheDevSetBeforeLoadingAnything(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        int code = run(new AttackBenchCommand(), err, "--data", tinySst2(dir).toString(), "--num-examples", "5",
                "--checkpoint", dir.resolve("missing").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("outside the 2 dev examples"), err.toString());
    }

    @Test
    void calibrateEncoderDefaultsAndChecksPairs(@TempDir Path dir) throws Exception {
        CalibrateEncoderCommand c = CommandLine.populateCommand(new CalibrateEncoderCommand());
        assertEquals(1200, c.pairs);
        assertEquals(765L, c.seed);
        assertEquals(Path.of("results/attacks"), c.out);
        assertEquals(8000, c.sampleSize); // training sentences; the attacked dev split is never read
        StringWriter err = new StringWriter();
        int code = run(new CalibrateEncoderCommand(), err, "--data", tinySst2(dir).toString(), "--pairs", "5",
                "--out", dir.resolve("out").toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("--pairs must be at least 10"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
