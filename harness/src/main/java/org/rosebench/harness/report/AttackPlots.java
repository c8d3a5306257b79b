package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/** Grouped bars of accuracy under attack per recipe (groups) and method (bars), one chart per model and task. */
final class AttackPlots {

    private AttackPlots() {}

    static List<Path> write(ReportData data, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        String metric = Metrics.ACCURACY_UNDER_ATTACK;
        for (String model : data.models()) {
            List<String> attacks = data.evaluations(model).stream().filter(Evaluations::isAttack).toList();
            List<String> tasks = attacks.stream().flatMap(e -> data.tasks(model, e).stream()).distinct()
                    .sorted(Tasks.ORDERING).toList();
            for (String task : tasks) {
                List<String> evaluations = attacks.stream().filter(e -> data.tasks(model, e).contains(task)).toList();
                List<String> methods = evaluations.stream().flatMap(e -> data.methods(model, e).stream()).distinct()
                        .sorted(data.methods().ordering()).toList();
                List<String> categories = evaluations.stream().map(AttackPlots::category).toList();
                boolean errorBars = evaluations.stream().anyMatch(e -> AccuracyPlots.hasSpread(data, model, e,
                        List.of(task), methods, metric));
                CategoryChart chart = Charts.bars(model + " · " + Tasks.display(task) + ": accuracy under attack",
                        "attack", "accuracy under attack (%)");
                chart.getStyler().setYAxisMax(100.0);
                for (String method : methods) {
                    AccuracyPlots.Series s = AccuracyPlots.Series.of(evaluations,
                            e -> data.stats(model, task, method, e, metric));
                    if (errorBars) {
                        chart.addSeries(data.methods().label(method), categories, s.means(), s.errors());
                    } else {
                        chart.addSeries(data.methods().label(method), categories, s.means());
                    }
                }
                Path file = Charts.save(chart, dir.resolve(FileNames.plot(model, task, "attack")));
                List<Long> seeds = evaluations.stream().flatMap(e -> data.seeds(model, e).stream()).distinct()
                        .sorted().toList();
                PlotCaptions.write(file, model + " · " + Tasks.display(task) + ": accuracy under attack (%) per "
                        + "recipe and split (groups) and method (bars), mean over seeds; "
                        + AccuracyPlots.errorBarText(errorBars, seeds));
                files.add(file);
            }
        }
        return files;
    }

    /** "textfooler (dev)". */
    private static String category(String evaluation) {
        List<String> rs = Evaluations.recipeAndSplit(evaluation);
        return rs.get(0) + " (" + rs.get(1) + ")";
    }
}
