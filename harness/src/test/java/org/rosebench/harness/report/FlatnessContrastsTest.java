package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.cli.TableCommand;

/** Flatness contrasts from landscape cells: direction pairs or seeds as units, t interval, sign-flip test, verdicts. */
class FlatnessContrastsTest {

    @TempDir
    Path dir;

    private static final double[] ALPHAS = {-1, 0, 1};
    private static final double[] CURVE = {0.8, 0.5, 0.7};

    private static Map<String, Double> metrics() {
        return Map.of("centre_loss", 0.5, "loss_increase_r1", 0.2, "epsilon_sharpness", 30.0);
    }

    private RunDirFixture fixture() {
        return new RunDirFixture(dir).method("vanilla", "Vanilla", 0).method("rose-ensemble", "ROSE-Ensemble", 1);
    }

    @Test
    void oneSeedOfFourDirectionsMatchesHandComputationAndCanNeverBeSignificant() throws Exception {
        RunDirFixture f = fixture();
        f.eval("tiny", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(10));
        // per direction (plus + minus) / 2: vanilla 0.2, 0.3, 0.2, 0.4; ROSE-Ensemble 0.1, 0.1, 0.1, 0.2
        f.landscape("tiny", "sst2", "vanilla", 1, metrics(), ALPHAS, CURVE, new double[] {0.3, 0.4, 0.2, 0.5},
                new double[] {0.1, 0.2, 0.2, 0.3}, 30);
        f.landscape("tiny", "sst2", "rose-ensemble", 1, metrics(), ALPHAS, CURVE, new double[] {0.1, 0.1, 0.1, 0.3},
                new double[] {0.1, 0.1, 0.1, 0.1}, 10);

        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla");
        assertEquals(0, r.code(), r.err());
        // by hand: differences −0.1, −0.2, −0.1, −0.2 → mean −0.15, sd √(0.01/3), se 0.028868,
        // t(3; 0.975) 3.182446 → ±0.091869: [−0.2419, −0.0581]; all four of one sign: p = 2/2⁴ = 0.125;
        // ε-sharpness 10 − 30 = −20
        List<String> csv = Files.readAllLines(dir.resolve("tables/tiny_flatness.csv"));
        assertEquals(2, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("Contrast (Δ = first − second),Δloss at R · loss landscape on dev · SST-2,"),
                csv.get(0));
        assertEquals("ROSE-Ensemble − Vanilla,\"-0.1500 [-0.2419, -0.0581] (n=4 directions, 1 seed) p=0.125, "
                + "Holm 0.125\",-20.00 (n=1),cannot be told (4 directions: p ≥ 0.125 always; ≥ 6 needed)", csv.get(1));
        assertTrue(r.out().contains("### tiny · flatness contrasts (loss landscapes)"), r.out());
    }

    @Test
    void eightDirectionsOfOneSignHoldOneWayAndFailTheOther() throws Exception {
        RunDirFixture f = fixture();
        f.eval("tiny", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(10));
        // per direction: vanilla 0.2, 0.3, 0.2, 0.4, 0.2, 0.3, 0.2, 0.4; ROSE-Ensemble 0.1, 0.1, 0.1, 0.2 twice
        f.landscape("tiny", "sst2", "vanilla", 1, metrics(), ALPHAS, CURVE,
                new double[] {0.3, 0.4, 0.2, 0.5, 0.3, 0.4, 0.2, 0.5},
                new double[] {0.1, 0.2, 0.2, 0.3, 0.1, 0.2, 0.2, 0.3}, 30);
        f.landscape("tiny", "sst2", "rose-ensemble", 1, metrics(), ALPHAS, CURVE,
                new double[] {0.1, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.3},
                new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 11);
        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla", "--contrast", "Vanilla vs ROSE-Ensemble");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("tables/tiny_flatness.csv"));
        // 8 pairs of one sign: p = 2/2⁸ = 0.0078125; Holm over the 2 cells: 0.015625 each, below 0.05
        assertTrue(csv.get(1).startsWith("ROSE-Ensemble − Vanilla,\"-0.1500 ["), csv.get(1));
        String pair = "(n=8 directions, 1 seed) p=0.00781, Holm 0.0156*\",";
        assertTrue(csv.get(1).endsWith(pair + "-19.00 (n=1),holds"), csv.get(1));
        assertTrue(csv.get(2).endsWith(pair + "+19.00 (n=1),does not hold (sharper)"), csv.get(2));
    }

    @Test
    void withSeveralSeedsTheSeedIsTheUnitNotThePooledDirections() throws Exception {
        RunDirFixture f = fixture();
        // two seeds of four directions each, every pair of one sign: pooled as 8 pairs this would read p = 0.0078;
        // the two seeds are two independent observations, so p = 2/2² = 0.5 whatever the directions say
        for (long seed : new long[] {1, 2}) {
            f.eval("tiny", "sst2", "vanilla", seed, "dev", RunDirFixture.alternating(10));
            f.landscape("tiny", "sst2", "vanilla", seed, metrics(), ALPHAS, CURVE,
                    new double[] {0.3, 0.4, 0.2, 0.5}, new double[] {0.1, 0.2, 0.2, 0.3}, 30);
            // seed 1 as before (mean difference −0.15); seed 2 one direction flatter still (mean −0.175)
            double extra = seed == 2 ? 0.2 : 0;
            f.landscape("tiny", "sst2", "rose-ensemble", seed, metrics(), ALPHAS, CURVE,
                    new double[] {0.1, 0.1, 0.1, 0.3 - extra}, new double[] {0.1, 0.1, 0.1, 0.1}, 10 + seed);
        }
        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("tables/tiny_flatness.csv"));
        // by hand: units −0.15, −0.175 → mean −0.1625, sd 0.0176777, se 0.0125, t(1; 0.975) 12.706205
        // → ±0.158828: [−0.3213, −0.0037]; ε-sharpness: seeds 1, 2 give −19, −18 → −18.5
        assertEquals("ROSE-Ensemble − Vanilla,\"-0.1625 [-0.3213, -0.0037] (n=2 seeds, 4 directions each) "
                + "p=0.5, Holm 0.5\",-18.50 (n=2),cannot be told (2 seeds: p ≥ 0.5 always; ≥ 6 needed)", csv.get(1));
    }

    @Test
    void sixSeedsOfOneSignAreEnough() throws Exception {
        RunDirFixture f = fixture();
        for (long seed = 1; seed <= 6; seed++) {
            f.eval("tiny", "sst2", "vanilla", seed, "dev", RunDirFixture.alternating(10));
            f.landscape("tiny", "sst2", "vanilla", seed, metrics(), ALPHAS, CURVE, new double[] {0.3, 0.4},
                    new double[] {0.1, 0.2}, 30);
            f.landscape("tiny", "sst2", "rose-ensemble", seed, metrics(), ALPHAS, CURVE,
                    new double[] {0.1, 0.1 + 0.01 * seed}, new double[] {0.1, 0.1}, 10);
        }
        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("tables/tiny_flatness.csv"));
        // six seed units all negative: p = 2/2⁶ = 0.03125 (shown to 3 digits), one cell so Holm leaves it
        assertTrue(csv.get(1).endsWith("(n=6 seeds, 2 directions each) p=0.0313, Holm 0.0313*\",-20.00 (n=6),holds"),
                csv.get(1));
    }

    @Test
    void malformedLandscapeFileIsNamedAndLeftOut() throws Exception {
        RunDirFixture f = fixture();
        f.eval("tiny", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(10));
        f.landscape("tiny", "sst2", "vanilla", 1, metrics(), ALPHAS, CURVE, new double[] {0.3, 0.4},
                new double[] {0.1}, 30);
        f.landscape("tiny", "sst2", "rose-ensemble", 1, metrics(), ALPHAS, CURVE, new double[] {0.1, 0.1},
                new double[] {0.1, 0.1}, 10);
        CliRunner.Run r = CliRunner.run(new TableCommand(), dir.toString(), "--no-plots", "--contrast",
                "ROSE-Ensemble vs Vanilla");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("landscape.json: left out of the flatness contrasts (sharpness at fraction 1.0 "
                + "needs equally long, non-empty 'plus' and 'minus' arrays)"), r.err());
        assertFalse(Files.exists(dir.resolve("tables/tiny_flatness.csv")), "no pair is left, so no table");
    }

    @Test
    void exactSignFlipTestEnumeratesByHand() {
        // ±0.3 ±0.1 ±0.2: sums 0.6, 0.4, 0.2, 0, 0, −0.2, −0.4, −0.6; |sum| ≥ |−0.2| for 6 of the 8
        assertEquals(0.75, FlatnessContrasts.signFlipExact(new double[] {-0.3, -0.1, 0.2}), 1e-12);
        assertEquals(1.0, FlatnessContrasts.signFlipExact(new double[] {0.1, -0.1}), 1e-12);
        assertEquals(2.0 / 32, FlatnessContrasts.signFlipExact(new double[] {1, 2, 3, 4, 5}), 1e-12);
        assertEquals(6, FlatnessContrasts.pairsNeeded(0.05));
        assertEquals(8, FlatnessContrasts.pairsNeeded(0.01));
    }

    @Test
    void normalApproximationIsCloseToExactAtTheSwitch() {
        SplittableRandom random = TestSeeds.random("FlatnessContrastsTest.normalApproximationIsCloseToExactAtTheSwitch");
        for (int trial = 0; trial < 5; trial++) {
            double[] d = new double[FlatnessContrasts.EXACT_PAIRS];
            for (int i = 0; i < d.length; i++) {
                d[i] = random.nextDouble(-1, 1) + 0.2;
            }
            double exact = FlatnessContrasts.signFlipExact(d);
            double normal = FlatnessContrasts.signFlipNormal(d);
            assertEquals(exact, normal, 0.03, "trial " + trial + " (the reproduce line is on stdout)");
        }
    }
}
