package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rosebench.harness.cli.BadInputs.Invocation;

/**
 * Malformed inputs of every kind the CLI reads, each run through the real CLI in-process. Every one must exit 2
 * with exactly one stderr line that names the offending file (and line where there is one) and the reason, and
 * must leave an existing run directory byte for byte as it was.
 */
class BadInputCorpusTest {

    @BeforeAll
    static void warmUp() throws IOException {
        BadInputs.warmUp(); // native libraries log once when first loaded; that line is not the error
    }

    static Stream<Arguments> cases() {
        return BadInputs.cases().stream().map(c -> Arguments.of(Named.of(c.name(), c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsTwoWithOneLineNamingTheFile(BadInputs.Case c, @TempDir Path dir) throws Exception {
        Path existingRun = BadInputs.existingRunDir(dir.resolve("existing-run"));
        Invocation call = c.build().apply(new BadInputs.Workspace(dir, existingRun));
        Path watched = call.watched() != null ? call.watched() : existingRun;
        String before = RunDirChecksum.of(watched);

        CliRun r = CliRun.run(call.args());

        List<String> lines = r.err().lines().toList();
        assertEquals(2, r.code(), r.err());
        assertEquals(1, lines.size(), "one stderr line:\n" + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("rose-bench: error: "), line);
        assertFalse(line.contains("Exception"), line);
        assertTrue(line.contains(call.file()), "names " + call.file() + ": " + line);
        assertTrue(line.contains(call.reason()), "says '" + call.reason() + "': " + line);
        assertEquals(before, RunDirChecksum.of(watched), "the run directory must not change");
    }
}
