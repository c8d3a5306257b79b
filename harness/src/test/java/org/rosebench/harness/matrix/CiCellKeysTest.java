package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cell ids of configs/ci.yaml are pinned: a change to the keys (what they contain, how they are built, a
 * component's version, a model's or data file's content) must be deliberate, because every finished cell of every
 * run directory would otherwise silently be trained again, or worse, a results-changing change would keep old ids.
 */
class CiCellKeysTest {

    static final Path REPO = Path.of(System.getProperty("rose.repo.dir", ".."));
    static final Path PINNED = REPO.resolve("harness/src/test/resources/ci-cell-keys.txt");
    static final String REGENERATE = "mvn -B -q -pl harness -am test -Dtest=CiCellKeysTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Drose.regenerate.keys=true";

    private static String ids(List<String> lines) {
        return String.join("\n", lines.stream().map(l -> l.split(" ", 2)[0]).toList());
    }

    /** One line per cell in plan order: id and what it is. */
    static List<String> lines() {
        MatrixConfig config = MatrixConfigLoader.load(REPO.resolve("configs/ci.yaml"), MatrixConfigLoaderTest.DATA, null);
        // CPU whatever the machine: the pinned ids are those of the CPU reference
        MatrixPlan plan = MatrixPlan.of(config, ComponentVersions.installed(), ExecutionEnvironment.cpu());
        List<String> out = new ArrayList<>();
        plan.cells().forEach(c -> out.add(c.id() + " " + c.describe()));
        return out;
    }

    @Test
    void thePlanOfTheCiConfigHasThePinnedCellIds() throws IOException {
        List<String> now = lines();
        if (Boolean.getBoolean("rose.regenerate.keys")) {
            Files.createDirectories(PINNED.getParent());
            Files.write(PINNED, now, StandardCharsets.UTF_8);
        }
        // ids only: the descriptions beside them are for reading (a renamed label changes them, not the ids)
        assertEquals(ids(Files.readAllLines(PINNED, StandardCharsets.UTF_8)), ids(now),
                "the cell ids of configs/ci.yaml changed. If your change is meant to alter results, bump the version of"
                        + " the component it changes (docs/result-store.md, \"Versions\") and regenerate the pinned ids with\n  "
                        + REGENERATE + "\nIf it is not (a refactor), the keys must not change: find what entered or"
                        + " left them. An edit of configs/ci.yaml or of the bundled data, or an engine or DJL upgrade, changes"
                        + " ids too (results can change with them): regenerate.");
    }
}
