package org.rosebench.harness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Clean against robust accuracy: one chart per model, task and robust evaluation (AdvGLUE dev, and accuracy under
 * attack per recipe and split), one point per method at (GLUE dev accuracy, robust accuracy), each the mean over
 * seeds, with ± one sample std over seeds on each axis where more than one seed finished. XChart 3.8.8 draws error
 * bars on y only, so both bars are drawn as line series in the point's colour, left out of the legend.
 */
final class ScatterPlots {

    /** One method's point: its seed statistics on the clean (x) and robust (y) evaluation. */
    record Point(String method, String label, Stats clean, Stats robust) {}

    private ScatterPlots() {}

    static List<Path> write(ReportData data, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String model : data.models()) {
            List<String> robust = data.evaluations(model).stream().filter(ScatterPlots::isRobust).toList();
            for (String task : data.tasks(model, Evaluations.DEV)) {
                for (String evaluation : robust) {
                    List<Point> points = points(data, model, task, evaluation);
                    if (points.isEmpty()) {
                        continue;
                    }
                    Path file = Charts.save(chart(data, model, task, evaluation, points),
                            dir.resolve(FileNames.plot(model, task, "clean-vs-" + evaluation)));
                    PlotCaptions.write(file, caption(data, model, task, evaluation, points));
                    files.add(file);
                }
            }
        }
        return files;
    }

    static boolean isRobust(String evaluation) {
        return evaluation.equals(Evaluations.ADVGLUE) || Evaluations.isAttack(evaluation);
    }

    /** The methods with a finished seed on both axes, in table order. */
    static List<Point> points(ReportData data, String model, String task, String evaluation) {
        String metric = Metrics.primary(evaluation);
        List<String> methods = data.methods().sorted(Stream.concat(data.methods(model, Evaluations.DEV).stream(),
                data.methods(model, evaluation).stream()).collect(Collectors.toCollection(TreeSet::new)));
        List<Point> points = new ArrayList<>();
        for (String method : methods) {
            Stats clean = data.stats(model, task, method, Evaluations.DEV, Metrics.ACCURACY);
            Stats robust = data.stats(model, task, method, evaluation, metric);
            if (clean.n() > 0 && robust.n() > 0) {
                points.add(new Point(method, data.methods().label(method), clean, robust));
            }
        }
        return points;
    }

    static XYChart chart(ReportData data, String model, String task, String evaluation, List<Point> points) {
        XYChart chart = Charts.lines(model + " · " + Tasks.display(task) + ": clean vs " + shortName(evaluation),
                "GLUE dev accuracy (%)", yTitle(evaluation));
        chart.getStyler().setXAxisDecimalPattern("#0.#");
        chart.getStyler().setYAxisDecimalPattern("#0.#");
        chart.getStyler().setMarkerSize(11);
        Color[] colors = chart.getStyler().getSeriesColors();
        Marker[] markers = chart.getStyler().getSeriesMarkers();
        double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            Color color = colors[i % colors.length];
            String name = chart.getSeriesMap().containsKey(p.label()) ? p.label() + " (" + p.method() + ")" : p.label();
            double x = p.clean().mean();
            double y = p.robust().mean();
            XYSeries point = chart.addSeries(name, new double[] {x}, new double[] {y});
            point.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            point.setMarker(markers[i % markers.length]);
            point.setMarkerColor(color);
            double sx = spread(p.clean());
            double sy = spread(p.robust());
            if (sx > 0) {
                bar(chart, name + " ± std (x)", new double[] {x - sx, x + sx}, new double[] {y, y}, color);
            }
            if (sy > 0) {
                bar(chart, name + " ± std (y)", new double[] {x, x}, new double[] {y - sy, y + sy}, color);
            }
            extend(xRange, x - sx, x + sx);
            extend(yRange, y - sy, y + sy);
        }
        double[] xs = padded(xRange);
        double[] ys = padded(yRange);
        chart.getStyler().setXAxisMin(xs[0]).setXAxisMax(xs[1]).setYAxisMin(ys[0]).setYAxisMax(ys[1]);
        return chart;
    }

    /** The half-length of a bar: the sample std, or 0 for one seed (no spread to show). */
    static double spread(Stats s) {
        return s.n() > 1 && Double.isFinite(s.std()) ? s.std() : 0;
    }

    private static void bar(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(1.5f);
        s.setShowInLegend(false);
    }

    private static void extend(double[] range, double low, double high) {
        range[0] = Math.min(range[0], low);
        range[1] = Math.max(range[1], high);
    }

    /** The data range with room for the markers (at least one point each side), kept inside [0, 100]. */
    static double[] padded(double[] range) {
        double pad = Math.max(1.0, 0.08 * (range[1] - range[0]));
        return new double[] {Math.max(0, Math.floor(range[0] - pad)), Math.min(100, Math.ceil(range[1] + pad))};
    }

    private static String shortName(String evaluation) {
        if (evaluation.equals(Evaluations.ADVGLUE)) {
            return "robust (AdvGLUE dev) accuracy";
        }
        List<String> rs = Evaluations.recipeAndSplit(evaluation);
        return "accuracy under " + rs.get(0) + " (" + rs.get(1) + ")";
    }

    private static String yTitle(String evaluation) {
        if (evaluation.equals(Evaluations.ADVGLUE)) {
            return "AdvGLUE dev accuracy (%)";
        }
        List<String> rs = Evaluations.recipeAndSplit(evaluation);
        return "accuracy under " + rs.get(0) + " attack on " + rs.get(1) + " (%)";
    }

    static String caption(ReportData data, String model, String task, String evaluation, List<Point> points) {
        String y = evaluation.equals(Evaluations.ADVGLUE) ? "AdvGLUE dev accuracy (%)"
                : "accuracy under the " + Evaluations.recipeAndSplit(evaluation).get(0) + " attack (%) on the "
                        + Evaluations.recipeAndSplit(evaluation).get(1) + " examples it attacked (TextAttack's "
                        + "definition: originally wrong examples count as not robust; the attack table has the counts)";
        StringBuilder sb = new StringBuilder(model + " · " + Tasks.display(task) + ", clean vs robust accuracy: one "
                + "point per method, x = GLUE dev accuracy (%), y = " + y + ", each the mean over seeds.");
        List<Long> seeds = Stream.concat(data.seeds(model, Evaluations.DEV).stream(),
                data.seeds(model, evaluation).stream()).distinct().sorted().toList();
        String seedList = seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
        boolean anyBar = points.stream().anyMatch(p -> spread(p.clean()) > 0 || spread(p.robust()) > 0);
        boolean anySingle = points.stream().anyMatch(p -> p.clean().n() == 1 || p.robust().n() == 1);
        if (!anyBar) {
            sb.append(seeds.size() == 1 ? " One seed (" + seedList + "): no error bars."
                    : " One seed per point (seeds " + seedList + "): no error bars.");
        } else {
            sb.append(" Bars = ± one sample std (n − 1) over seeds ").append(seedList).append(" on each axis")
                    .append(anySingle ? "; none on an axis where one seed finished." : ".");
        }
        if (points.stream().anyMatch(p -> p.clean().n() != p.robust().n())) {
            sb.append(" Some points average a different number of seeds on the two axes (the tables give n per "
                    + "cell).");
        }
        return sb.toString();
    }
}
