package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.TinyRoberta;

/**
 * {@code attack --out} through the real CLI on a tiny trained victim: the JSONL starts with the attack's
 * configuration, {@code FILE.csv} writes the CSV and {@code FILE.jsonl} beside it, a resume of the same attack
 * continues and one of another configuration is refused (exit 2) with both files left as they were.
 */
class AttackOutputTest {

    @Test
    void attackFilesDescribeThemselvesAndRefuseAnotherConfiguration(@TempDir Path dir) throws Exception {
        Path model = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 3);
        CliRun train = CliRun.run("train", "--model", model.toString(), "--task", "sst2", "--method", "vanilla",
                "--train-limit", "8", "--epochs", "1", "--batch-size", "4", "--max-length", "16", "--allow-partial-load",
                "--out", dir.resolve("victim").toString());
        assertEquals(0, train.code(), train.err());
        Path victim = dir.resolve("victim/last");

        Path csv = dir.resolve("out/pwws.csv");
        Path jsonl = dir.resolve("out/pwws.jsonl");
        CliRun first = attack(victim, csv, "765", "2");
        assertEquals(0, first.code(), first.err());
        List<String> lines = Files.readAllLines(jsonl);
        JsonNode header = Json.MAPPER.readTree(lines.get(0));
        assertEquals("rose-bench-attack/1", header.get("format").asText());
        JsonNode c = header.get("configuration");
        assertEquals("pwws", c.get("recipe").asText());
        assertEquals(765, c.get("options").get("seed").asLong());
        // truncation as TextAttack's HF model wrapper: 512 (no model_max_length) capped by the tiny model's 38 positions,
        // not the max_length 16 it was trained with
        assertEquals(38, c.get("victim").get("max_length").asInt());
        assertEquals(64, c.get("victim").get("checkpoint_sha256").asText().length());
        assertTrue(c.get("versions").get("backends").has("SynonymSource"), c.toString());
        assertEquals(3, lines.size(), "a header and two results");
        assertEquals(3, Files.readAllLines(csv).size(), "a CSV header and two rows");

        CliRun resumed = attack(victim, csv, "765", "3");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(4, Files.readAllLines(jsonl).size(), "one more example attacked, the first two resumed");

        byte[] jsonlBefore = Files.readAllBytes(jsonl);
        byte[] csvBefore = Files.readAllBytes(csv);
        CliRun other = attack(victim, csv, "1", "3");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("options.seed: 1 ≠ 765"), other.err());
        assertEquals(1, other.err().strip().lines().count(), other.err());
        assertArrayEquals(jsonlBefore, Files.readAllBytes(jsonl));
        assertArrayEquals(csvBefore, Files.readAllBytes(csv));
    }

    private static CliRun attack(Path victim, Path out, String seed, String examples) {
        return CliRun.run("attack", "--checkpoint", victim.toString(), "--task", "sst2", "--recipe", "pwws",
                "--num-examples", examples, "--seed", seed, "--out", out.toString());
    }
}
