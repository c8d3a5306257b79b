package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Clean-vs-robust scatter plots of the hand-computed fixture run ({@link RunDirFixture#standard}). */
class ScatterPlotsTest {

    private static final double SD_75_80 = Math.sqrt(12.5); // sample std of {75, 80} and of {95, 100}: 3.5355

    @TempDir
    Path dir;

    private ReportData standard() throws Exception {
        RunDirFixture.standard(dir.resolve("run"));
        return ReportData.of(ResultRows.load(dir.resolve("run")), new McNemarOverSeeds(), 0.05, PaperValues.none());
    }

    private static Map<String, XYSeries> series(XYChart chart) {
        return chart.getSeriesMap();
    }

    @Test
    void advglueAgainstDevMeansWithSeedStdWhereTwoSeedsFinished() throws Exception {
        ReportData data = standard();
        // dev SST-2: Vanilla 75, 80 -> 77.5 ± 3.54; ROSE 95, 100 -> 97.5 ± 3.54. AdvGLUE: seed 1 only, 40 and 60
        List<ScatterPlots.Point> points = ScatterPlots.points(data, "tiny", "sst2", "advglue");
        assertEquals(List.of("Vanilla", "ROSE-Ensemble"), points.stream().map(ScatterPlots.Point::label).toList());
        assertEquals(77.5, points.get(0).clean().mean(), 1e-9);
        assertEquals(SD_75_80, points.get(0).clean().std(), 1e-9);
        assertEquals(40.0, points.get(0).robust().mean(), 1e-9);
        assertEquals(1, points.get(0).robust().n());
        assertEquals(97.5, points.get(1).clean().mean(), 1e-9);
        assertEquals(60.0, points.get(1).robust().mean(), 1e-9);

        XYChart chart = ScatterPlots.chart(data, "tiny", "sst2", "advglue", points);
        // one point per method, an x bar (two seeds on dev), no y bar (one seed on AdvGLUE)
        assertEquals(List.of("Vanilla", "Vanilla ± std (x)", "ROSE-Ensemble", "ROSE-Ensemble ± std (x)"),
                List.copyOf(series(chart).keySet()));
        XYSeries vanilla = series(chart).get("Vanilla");
        assertArrayEquals(new double[] {77.5}, vanilla.getXData());
        assertArrayEquals(new double[] {40.0}, vanilla.getYData());
        XYSeries bar = series(chart).get("Vanilla ± std (x)");
        assertArrayEquals(new double[] {77.5 - SD_75_80, 77.5 + SD_75_80}, bar.getXData(), 1e-9);
        assertArrayEquals(new double[] {40, 40}, bar.getYData());
        assertFalse(bar.isShowInLegend());
        assertTrue(vanilla.isShowInLegend());
        // the bars' colour is the point's
        assertEquals(vanilla.getMarkerColor(), bar.getLineColor());
        // axes: x from 77.5 − 3.54 − 2.17 down to 71, up to 101.04 + 2.17 clamped at 100; y from 40 − 1.6 to 60 + 1.6
        assertEquals(71.0, chart.getStyler().getXAxisMin(), 1e-9);
        assertEquals(100.0, chart.getStyler().getXAxisMax(), 1e-9);
        assertEquals(38.0, chart.getStyler().getYAxisMin(), 1e-9);
        assertEquals(62.0, chart.getStyler().getYAxisMax(), 1e-9);

        String caption = ScatterPlots.caption(data, "tiny", "sst2", "advglue", points);
        assertTrue(caption.contains("x = GLUE dev accuracy (%), y = AdvGLUE dev accuracy (%), each the mean over "
                + "seeds. Bars = ± one sample std (n − 1) over seeds 1, 2 on each axis; none on an axis where one "
                + "seed finished."), caption);
        assertTrue(caption.contains("different number of seeds on the two axes"), caption);
    }

    @Test
    void attackPlotBarsTheRobustAxisToo() throws Exception {
        ReportData data = standard();
        // accuracy under textfooler: Vanilla 20, 20 -> 20 ± 0 (no bar to draw); ROSE 70, 90 -> 80 ± 14.14
        List<ScatterPlots.Point> points = ScatterPlots.points(data, "tiny", "sst2", "attack:textfooler:dev");
        XYChart chart = ScatterPlots.chart(data, "tiny", "sst2", "attack:textfooler:dev", points);
        assertEquals(List.of("Vanilla", "Vanilla ± std (x)", "ROSE-Ensemble", "ROSE-Ensemble ± std (x)",
                "ROSE-Ensemble ± std (y)"), List.copyOf(series(chart).keySet()));
        XYSeries y = series(chart).get("ROSE-Ensemble ± std (y)");
        assertArrayEquals(new double[] {97.5, 97.5}, y.getXData(), 1e-9);
        assertArrayEquals(new double[] {80 - Math.sqrt(200), 80 + Math.sqrt(200)}, y.getYData(), 1e-9);
        assertEquals("accuracy under textfooler attack on dev (%)", chart.getYAxisTitle());
        assertFalse(ScatterPlots.caption(data, "tiny", "sst2", "attack:textfooler:dev", points)
                .contains("different number of seeds"));
    }

    @Test
    void oneSeedHasNoBarsAndTheCaptionSaysSo() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0).method("r3f", "R3F", 1);
        int[] labels = RunDirFixture.alternating(10);
        f.eval("m", "rte", "vanilla", 7, "dev", labels, 0, 1);
        f.eval("m", "rte", "r3f", 7, "dev", labels, 0);
        f.eval("m", "rte", "vanilla", 7, "advglue", labels, 0, 1, 2, 3, 4);
        f.eval("m", "rte", "r3f", 7, "advglue", labels, 0, 1, 2, 3);
        ReportData data = ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05, PaperValues.none());
        List<Path> files = ScatterPlots.write(data, dir.resolve("plots"));
        assertEquals(List.of(dir.resolve("plots/m_rte_clean-vs-advglue.png")), files);
        List<ScatterPlots.Point> points = ScatterPlots.points(data, "m", "rte", "advglue");
        XYChart chart = ScatterPlots.chart(data, "m", "rte", "advglue", points);
        assertEquals(List.of("Vanilla", "R3F"), List.copyOf(series(chart).keySet()));
        // Vanilla (80, 50), R3F (90, 60)
        assertArrayEquals(new double[] {80}, series(chart).get("Vanilla").getXData());
        assertArrayEquals(new double[] {60}, series(chart).get("R3F").getYData());
        String caption = PlotCaptions.read(files.get(0));
        assertTrue(caption.endsWith("each the mean over seeds. One seed (7): no error bars."), caption);
        assertTrue(Files.size(files.get(0)) > 1000);
    }

    @Test
    void noRobustEvaluationNoScatter() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0);
        f.eval("m", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(4));
        ReportData data = ReportData.of(ResultRows.load(dir), new McNemarOverSeeds(), 0.05, PaperValues.none());
        assertEquals(List.of(), ScatterPlots.write(data, dir.resolve("plots")));
        assertFalse(Files.exists(dir.resolve("plots")));
    }
}
