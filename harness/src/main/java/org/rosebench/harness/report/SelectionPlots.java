package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * ROSE's kept-tensor fraction over training steps, one chart per model and task, one line per method: the mean
 * over the seeds whose selection log has that step.
 */
final class SelectionPlots {

    private record ModelTask(String model, String task) {}

    private static final Comparator<ModelTask> ORDER = Comparator.comparing(ModelTask::model)
            .thenComparing(ModelTask::task, Tasks.ORDERING);

    private SelectionPlots() {}

    static List<Path> write(ReportData data, Path dir, Consumer<String> warn) throws IOException {
        Map<ModelTask, Map<String, List<ResultRow>>> byModelTask = new TreeMap<>(ORDER);
        for (ResultRow r : data.rows()) {
            if (r.kind().equals(ResultRow.TRAIN) && r.selectionLog() != null) {
                if (!Files.isRegularFile(r.selectionLog())) {
                    warn.accept(r.file() + ": selection_log " + r.selectionLog() + " does not exist; not plotted");
                    continue;
                }
                byModelTask.computeIfAbsent(new ModelTask(r.model(), r.task()), k -> new TreeMap<>())
                        .computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<ModelTask, Map<String, List<ResultRow>>> e : byModelTask.entrySet()) {
            ModelTask mt = e.getKey();
            XYChart chart = Charts.lines(mt.model() + " · " + Tasks.display(mt.task())
                    + ": kept-tensor fraction", "training step", "kept fraction");
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
            for (String method : data.methods().sorted(e.getValue().keySet())) {
                List<ResultRow> seeds = e.getValue().get(method);
                double[][] xy = meanOverSeeds(seeds);
                if (xy[0].length == 0) {
                    continue;
                }
                long n = seeds.stream().mapToLong(ResultRow::seed).distinct().count();
                String name = data.methods().label(method) + (n > 1 ? " (mean of " + n + " seeds)" : "");
                XYSeries series = chart.addSeries(name, xy[0], xy[1]);
                series.setMarker(SeriesMarkers.NONE);
            }
            if (!chart.getSeriesMap().isEmpty()) {
                Path file = Charts.save(chart, dir.resolve(FileNames.plot(mt.model(), mt.task(), "kept-fraction")));
                PlotCaptions.write(file, mt.model() + " · " + Tasks.display(mt.task()) + ": the fraction of "
                        + "ROSE's eligible tensors kept (updated) at each training step, one line per method, the "
                        + "mean over the seeds whose selection log has that step.");
                files.add(file);
            }
        }
        return files;
    }

    /** {steps, mean kept fraction} over the seeds that logged each step. */
    private static double[][] meanOverSeeds(List<ResultRow> seeds) throws IOException {
        TreeMap<Long, double[]> sums = new TreeMap<>(); // step -> {sum, count}
        for (ResultRow r : seeds) {
            SelectionLog.keptFraction(r.selectionLog()).forEach((step, kept) -> {
                double[] acc = sums.computeIfAbsent(step, k -> new double[2]);
                acc[0] += kept;
                acc[1]++;
            });
        }
        double[] x = new double[sums.size()];
        double[] y = new double[sums.size()];
        int i = 0;
        for (Map.Entry<Long, double[]> s : sums.entrySet()) {
            x[i] = s.getKey();
            y[i++] = s.getValue()[0] / s.getValue()[1];
        }
        if (x.length > 2) {
            // XChart 3.8.8 labels every k-th point of equally spaced x data, which crowds the axis
            // (knowm/XChart#731); an invisible nudge of the last step gives its usual round ticks.
            x[x.length - 1] += 0.01;
        }
        return new double[][] {x, y};
    }
}
