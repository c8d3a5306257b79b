package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;

/**
 * Grouped bars of accuracy per task (groups) and method (bars), one chart per model and evaluation set (clean dev,
 * robust AdvGLUE, other splits); error bars are the std over seeds where more than one seed finished.
 */
final class AccuracyPlots {

    private AccuracyPlots() {}

    static List<Path> write(ReportData data, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String model : data.models()) {
            for (String evaluation : data.evaluations(model)) {
                if (!Evaluations.isAccuracy(evaluation)) {
                    continue;
                }
                CategoryChart chart = Charts.bars(model + " · " + Evaluations.title(evaluation), "task",
                        "accuracy (%)");
                chart.getStyler().setYAxisMax(100.0);
                List<String> tasks = data.tasks(model, evaluation);
                List<String> categories = tasks.stream().map(Tasks::display).toList();
                List<String> methods = data.methods(model, evaluation);
                boolean errorBars = hasSpread(data, model, evaluation, tasks, methods, Metrics.ACCURACY);
                for (String method : methods) {
                    Series s = Series.of(tasks, t -> data.stats(model, t, method, evaluation,
                            Metrics.ACCURACY));
                    if (errorBars) {
                        chart.addSeries(data.methods().label(method), categories, s.means(), s.errors());
                    } else {
                        chart.addSeries(data.methods().label(method), categories, s.means());
                    }
                }
                Path file = Charts.save(chart, dir.resolve(FileNames.plot(model, evaluation, "accuracy")));
                PlotCaptions.write(file, model + " · " + Evaluations.title(evaluation) + ": accuracy (%) per task "
                        + "(groups) and method (bars), mean over seeds; " + errorBarText(errorBars,
                        data.seeds(model, evaluation)));
                files.add(file);
            }
        }
        return files;
    }

    /** What the error bars of a bar chart are, or why there are none. */
    static String errorBarText(boolean errorBars, List<Long> seeds) {
        String list = seeds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return errorBars ? "error bars = ± one sample std (n − 1) over seeds " + list + " (none where one seed "
                + "finished)." : (seeds.size() == 1 ? "one seed (" + list + ")" : "one seed per bar (seeds " + list
                + ")") + ": no error bars.";
    }

    static boolean hasSpread(ReportData data, String model, String evaluation, List<String> tasks,
            List<String> methods, String metric) {
        for (String task : tasks) {
            for (String method : methods) {
                if (data.stats(model, task, method, evaluation, metric).n() > 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Bar heights and error bars of one method; XChart draws NaN as no bar (null breaks its error bars). */
    record Series(List<Double> means, List<Double> errors) {
        static Series of(List<String> categories, Function<String, Stats> stats) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String c : categories) {
                Stats s = stats.apply(c);
                means.add(s.n() == 0 ? Double.NaN : s.mean());
                errors.add(s.n() > 1 ? s.std() : 0.0);
            }
            return new Series(means, errors);
        }
    }
}
