package org.rosebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.DataPath;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.Evaluator;

/**
 * {@code landscape} through the real CLI on a tiny trained model: the files, the JSON's content, a centre loss equal
 * to the evaluator's mean cross-entropy on the listed examples, and usage errors.
 */
class LandscapeCommandTest {

    static final Path DATA = Path.of(System.getProperty("rose.data.dir", "../data"));

    @Test
    void writesTheLandscapeWhoseCentreIsTheEvaluatorsLoss(@TempDir Path dir) throws Exception {
        Path model = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 3);
        CliRun train = CliRun.run("train", "--model", model.toString(), "--task", "sst2", "--method", "vanilla",
                "--train-limit", "8", "--epochs", "1", "--batch-size", "4", "--max-length", "16", "--allow-partial-load",
                "--out", dir.resolve("victim").toString());
        assertEquals(0, train.code(), train.err());
        Path victim = dir.resolve("victim/last");
        Path out = dir.resolve("land");

        CliRun r = CliRun.run("landscape", "--checkpoint", victim.toString(), "--task", "sst2", "--examples", "7",
                "--dims", "2", "--grid", "3", "--radius", "0.5", "--directions", "1", "--epsilon", "0.01",
                "--epsilon-steps", "2", "--batch-size", "3", "--seed", "4", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(j, Json.MAPPER.readTree(out.resolve("landscape.json").toFile()), "stdout is the file");
        assertEquals("rose-bench-landscape/1", j.get("format").asText());
        assertEquals(64, j.get("checkpoint").get("sha256").asText().length());
        assertEquals(16, j.get("checkpoint").get("max_length").asInt());
        assertEquals(7, j.get("examples").asInt());
        assertEquals(3, j.get("grid").get("alpha").size());
        assertEquals(3, j.get("grid").get("loss").size());
        assertEquals(3, j.get("grid").get("loss").get(1).size());
        assertEquals(3, j.get("sharpness").size());
        assertEquals(3, j.get("epsilon_sharpness").get("iterate_losses").size());
        assertEquals(8, j.get("timing").get("grid_points").asInt());
        assertEquals("zero", j.get("options").get("bias_ln").asText());
        assertTrue(j.get("provenance").has("git_commit"), j.toString());
        for (String png : List.of("landscape.png", "landscape-2d.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }

        // the centre: the evaluator's predictions on the listed examples, batched the same way
        List<Example> dev = new GlueData(DataPath.standard(DATA, "--data")).load(Task.SST2, Split.DEV).examples();
        List<Example> chosen = new ArrayList<>();
        for (JsonNode i : j.get("example_indices")) {
            chosen.add(dev.stream().filter(e -> e.index() == i.asInt()).findFirst().orElseThrow());
        }
        double expected = 0;
        try (SequenceClassifier m = SequenceClassifier.load(victim, 16)) {
            Evaluator.Result e = Evaluator.evaluate(m, chosen, 3, "eval");
            for (int i = 0; i < chosen.size(); i++) {
                expected -= Math.log(e.probabilities()[i][chosen.get(i).label()]);
            }
        }
        expected /= chosen.size();
        assertEquals(expected, j.get("centre_loss").asDouble(), 1e-6);
        assertEquals(j.get("centre_loss").asDouble(), j.get("grid").get("loss").get(1).get(1).asDouble(), 0.0);
        assertEquals(j.get("centre_loss").asDouble(), j.get("metrics").get("centre_loss").asDouble(), 0.0);

        CliRun text = CliRun.run("landscape", "--checkpoint", victim.toString(), "--task", "sst2", "--examples", "3",
                "--grid", "3", "--directions", "0", "--epsilon", "0", "--out", dir.resolve("text").toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("centre loss "), text.out());
        assertTrue(text.out().contains("2 grid points in"), text.out());
        assertFalse(Files.exists(dir.resolve("text/landscape-2d.png")), "no plane for a 1-D analysis");
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        for (String[] bad : List.of(new String[] {"--grid", "4"}, new String[] {"--dims", "3"},
                new String[] {"--radius", "0"}, new String[] {"--split", "advglue"}, new String[] {"--bias-ln", "x"},
                new String[] {"--examples", "0"})) {
            List<String> args = new ArrayList<>(List.of("landscape", "--checkpoint", dir.toString(), "--task", "sst2",
                    "--out", dir.resolve("o").toString()));
            args.addAll(List.of(bad));
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("o")), "nothing written");
        }
    }
}
