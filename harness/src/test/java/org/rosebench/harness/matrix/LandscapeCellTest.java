package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.Evaluator;
import org.rosebench.harness.cli.RoseBench;

/**
 * A matrix with a landscape evaluation on some seeds, run on a tiny model: the cells, their rows and files, the
 * table and plot, and an evaluation sharing the loaded model with a landscape that still sees the trained weights.
 */
class LandscapeCellTest {

    @TempDir
    Path tmp;

    @Test
    void landscapeCellsRunOnTheChosenSeedsAndTheirTableExpectsThoseSeeds() throws Exception {
        Path model = TinyRoberta.writeCheckpoint(tmp.resolve("tiny"), 3);
        Path cfg = tmp.resolve("l.yaml");
        Files.writeString(cfg, """
                name: l
                models: [{name: tiny, path: %s, allow_partial_load: true}]
                tasks: [sst2]
                seeds: [1, 2]
                train: {epochs: 1, train_sample: 16, batch_size: 8, max_length: 16, eval_batch_size: 64}
                methods: [vanilla]
                evaluations: [dev, {landscape: {examples: 6, grid: 3, directions: 1, epsilon_steps: 1, seeds: [1]}}]
                out_dir: %s
                """.formatted(model, tmp.resolve("run")));
        MatrixConfig c = MatrixConfigLoader.load(cfg, MatrixConfigLoaderTest.DATA, null);
        MatrixPlan plan = MatrixPlan.of(c);
        List<Cell> landscapes = plan.cells().stream().filter(x -> x.kind() == Cell.Kind.LANDSCAPE).toList();
        assertEquals(1, landscapes.size());
        assertEquals(1L, landscapes.get(0).train().seed());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MatrixRunner.Summary s = new MatrixRunner(plan, new ResultStore(c.outDir()),
                new PrintStream(log, true, StandardCharsets.UTF_8)).optPoll(Duration.ofMillis(100)).run(plan.cells());
        assertTrue(s.ok(), log.toString(StandardCharsets.UTF_8));

        Path cell = MatrixPlan.cellDir(c.outDir(), landscapes.get(0));
        JsonNode row = new ObjectMapper().readTree(cell.resolve("result.json").toFile());
        assertEquals("landscape", row.get("kind").asText());
        assertEquals("landscape:dev:examples=6,grid=3,directions=1,epsilon_steps=1", row.get("evaluation").asText());
        assertEquals(6, row.get("examples").asInt());
        JsonNode file = new ObjectMapper().readTree(cell.resolve("landscape.json").toFile());
        assertEquals(row.get("metrics").get("centre_loss").asDouble(), file.get("centre_loss").asDouble(), 0.0);
        assertEquals("cells/" + landscapes.get(0).train().id() + "/last", file.get("checkpoint").get("path").asText());

        // the dev evaluations ran on the model the landscape had swapped tensors in and out of (the executor keeps
        // it loaded): their predictions are those of the checkpoint loaded afresh
        for (Cell e : plan.cells().stream().filter(x -> x.kind() == Cell.Kind.EVAL).toList()) {
            JsonNode eval = new ObjectMapper().readTree(MatrixPlan.cellDir(c.outDir(), e).resolve("result.json").toFile());
            int[] predictions = new int[eval.get("predictions").size()];
            for (int i = 0; i < predictions.length; i++) {
                predictions[i] = eval.get("predictions").get(i).asInt();
            }
            List<Example> dev = new GlueData(c.dataPath()).load(Task.SST2, Split.DEV).examples();
            try (SequenceClassifier m = SequenceClassifier.load(MatrixPlan.cellDir(c.outDir(), e).resolveSibling(
                    e.train().id()).resolve("last"), 16)) {
                assertArrayEquals(Evaluator.evaluate(m, dev, 64, "eval").predictions(), predictions, e.describe());
            }
        }

        assertEquals(0, RoseBench.run("table", c.outDir().toString(), "--bootstrap-samples", "100"));
        String md = Files.readString(c.outDir().resolve("tables/tables.md"));
        assertTrue(md.contains("### tiny · loss landscape on dev (examples=6, grid=3, directions=1, epsilon_steps=1)"),
                md);
        assertTrue(md.contains("| SST-2 | vanilla | 1 | "), "seed 1 of the one expected: no †\n" + md);
        Path plot = c.outDir().resolve("plots/tiny_sst2_landscape-dev-examples-6-grid-3-directions-1-epsilon-steps-1.png");
        assertNotNull(ImageIO.read(plot.toFile()), plot.toString());
    }
}
