package org.rosebench.harness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The pictures of a loss landscape (docs/landscape.md §4): the loss along the first direction (one curve per
 * model, the form of the ROSE paper's Figure 1 in one dimension) and, for a 2-D analysis, the loss on the plane
 * as a heat map.
 */
public final class LandscapeCharts {

    private LandscapeCharts() {}

    /** Loss against α, one series per entry of {@code curves} (all on {@code alphas}). */
    public static Path line(Path file, String title, double[] alphas, Map<String, double[]> curves) throws IOException {
        XYChart chart = Charts.lines(title, "α (step along a filter-normalised random direction)", "loss (nats)");
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.getStyler().setMarkerSize(5);
        for (Map.Entry<String, double[]> c : curves.entrySet()) {
            XYSeries s = chart.addSeries(c.getKey(), alphas, c.getValue());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        return Charts.save(chart, file);
    }

    /**
     * Loss on the plane {@code w + α·d1 + β·d2}: a cell per grid point, blue (low) to red (high), the colour scale
     * from the grid's smallest to its largest loss.
     */
    public static Path heatMap(Path file, String title, double[] alphas, double[] betas, double[][] losses)
            throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle("α (direction 1)").yAxisTitle("β (direction 2)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(49, 54, 149), new Color(116, 173, 209),
            new Color(255, 255, 191), new Color(244, 109, 67), new Color(165, 0, 38)});
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.3f", v));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        for (int j = 0; j < betas.length; j++) {
            for (int i = 0; i < alphas.length; i++) {
                cells.add(new Number[] {i, j, losses[j][i]});
                min = Math.min(min, losses[j][i]);
                max = Math.max(max, losses[j][i]);
            }
        }
        // the legend prints its bounds as they are: 4 decimals, rounded outwards so that every cell stays inside
        double low = Math.floor(min * 1e4) / 1e4;
        double high = Math.ceil(max * 1e4) / 1e4;
        chart.getStyler().setMin(low);
        chart.getStyler().setMax(high > low ? high : low + 1e-4);
        chart.addSeries("loss", labels(alphas), labels(betas), cells);
        return Charts.save(chart, file);
    }

    private static List<String> labels(double[] axis) {
        List<String> out = new ArrayList<>();
        for (double a : axis) {
            out.add(String.format(Locale.ROOT, "%.2f", a));
        }
        return out;
    }
}
