package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.cli.TableCommand;

/** Landscape rows in {@code table}: a table of mean ± std over seeds, no accuracy table, a curve plot per task. */
class LandscapeTablesTest {

    @TempDir
    Path dir;

    private static Map<String, Double> metrics(double centre, double quarter, double half, double full, double eps) {
        return Map.of("centre_loss", centre, "loss_increase_r0.25", quarter, "loss_increase_r0.5", half,
                "loss_increase_r1", full, "epsilon_sharpness", eps, "epsilon_max_increase", eps / 100 * (1 + centre));
    }

    @Test
    void sharpnessPerMethodIsTabulatedOverSeedsAndPlottedAsCurves() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0).method("rose-ensemble", "ROSE-Ensemble", 1);
        double[] alphas = {-1, 0, 1};
        f.eval("tiny", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(10));
        f.landscape("tiny", "sst2", "vanilla", 1, metrics(0.5, 0.01, 0.05, 0.2, 30), alphas, new double[] {0.8, 0.5, 0.7});
        f.landscape("tiny", "sst2", "vanilla", 2, metrics(0.7, 0.03, 0.07, 0.4, 50), alphas, new double[] {0.9, 0.7, 0.9});
        f.landscape("tiny", "sst2", "rose-ensemble", 1, metrics(0.6, 0.002, 0.01, 0.05, 10), alphas,
                new double[] {0.65, 0.6, 0.62});

        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString());
        assertEquals(0, r.code(), r.err());
        Path csv = dir.resolve("tables/tiny_landscape-dev.csv");
        // by hand: vanilla centre (0.5, 0.7) → 0.6000 ± 0.1414; r=0.25: (0.01, 0.03) → 0.0200 ± 0.0141; ε (30, 50) → 40 ± 14.14
        assertEquals(List.of("Task,Method,Seeds,Loss at w,Δloss at 0.25R,Δloss at 0.5R,Δloss at 1R,ε-sharpness (%)",
                "SST-2,Vanilla,2,0.6000 ± 0.1414,0.0200 ± 0.0141,0.0600 ± 0.0141,0.3000 ± 0.1414,40.00 ± 14.14",
                "SST-2,ROSE-Ensemble,1 of 2†,0.6000,0.0020,0.0100,0.0500,10.00"), Files.readAllLines(csv));
        String md = Files.readString(dir.resolve("tables/tables.md"));
        assertTrue(md.contains("### tiny · loss landscape on dev"), md);
        assertFalse(md.contains("tiny · landscape:dev: accuracy"), "no accuracy table for a landscape: " + md);
        assertTrue(Files.readString(dir.resolve("tables/metrics.csv")).contains(
                "tiny,sst2,vanilla,1,landscape:dev,centre_loss,0.5000"));
        Path plot = dir.resolve("plots/tiny_sst2_landscape-dev.png");
        assertNotNull(ImageIO.read(plot.toFile()), plot.toString());
        assertTrue(PlotCaptions.read(plot).contains("one curve per method"), PlotCaptions.read(plot));
        assertFalse(Files.exists(dir.resolve("plots/tiny_landscape-dev_accuracy.png")));
    }

    @Test
    void aLandscapeRunOnSomeSeedsExpectsOnlyThose() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0);
        double[] alphas = {-1, 0, 1};
        f.eval("tiny", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(10));
        f.eval("tiny", "sst2", "vanilla", 2, "dev", RunDirFixture.alternating(10));
        Path cell = f.landscape("tiny", "sst2", "vanilla", 1, metrics(0.5, 0.01, 0.05, 0.2, 30), alphas,
                new double[] {0.8, 0.5, 0.7});
        // the plan lists every cell; the landscape cell's display says it runs on seed 1 only
        List<String> cells = new java.util.ArrayList<>();
        try (var s = Files.list(dir.resolve("cells"))) {
            s.forEach(p -> cells.add(p.getFileName().toString()));
        }
        var plan = RunDirFixture.JSON.createObjectNode();
        cells.forEach(c -> plan.withArray("cells").add(c));
        plan.putObject("display").putObject(cell.getFileName().toString()).putArray("expected_seeds").add(1);
        Files.writeString(dir.resolve("plan.json"), plan.toString());
        Files.writeString(dir.resolve("config.yaml"), "seeds: [1, 2]\n");

        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(dir.resolve("tables/tiny_landscape-dev.csv"));
        assertEquals("SST-2,Vanilla,1,0.5000,0.0100,0.0500,0.2000,30.00", rows.get(1), "seed 1 of [1]: complete");
        assertTrue(Files.readString(dir.resolve("tables/tiny_dev.csv")).contains("(n=2)"), "dev still expects both");
    }
}
