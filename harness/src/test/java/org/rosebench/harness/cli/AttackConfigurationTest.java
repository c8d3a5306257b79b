package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming a standalone attack only into results of the same configuration. */
class AttackConfigurationTest {

    private static ObjectNode config(String recipe, long seed) {
        return Json.object().put("recipe", recipe).put("seed", seed);
    }

    @Test
    void resumesOnlyTheSameConfiguration(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.jsonl");
        AttackConfiguration.checkOrRecord(out, config("textfooler", 765));
        assertTrue(Files.isRegularFile(AttackConfiguration.file(out)), "recorded beside a new output");
        Files.writeString(out, "{\"exampleId\": \"0\"}\n");
        assertDoesNotThrow(() -> AttackConfiguration.checkOrRecord(out, config("textfooler", 765)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttackConfiguration.checkOrRecord(out, config("pwws", 765)));
        assertTrue(e.getMessage().contains("differs in recipe"), e.getMessage());
    }

    @Test
    void resultsOfAnUnknownConfigurationAreNotResumed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("old.jsonl");
        Files.writeString(out, "{\"exampleId\": \"0\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttackConfiguration.checkOrRecord(out, config("pwws", 765)));
        assertTrue(e.getMessage().contains("unknown configuration"), e.getMessage());
    }
}
