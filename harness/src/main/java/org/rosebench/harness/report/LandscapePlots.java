package org.rosebench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The landscape pictures of a run (docs/landscape.md §5), drawn from each landscape cell's {@code landscape.json}:
 * per model, task and landscape evaluation the loss along the first direction, one curve per method (the mean over
 * its seeds), and for 2-D analyses a heat map per method (the mean grid over its seeds).
 */
final class LandscapePlots {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LandscapePlots() {}

    /** One analysis as read back: the axes and the loss grid {@code [beta][alpha]} (one row for 1-D). */
    private record Grid(double[] alphas, double[] betas, double[][] losses) {
        double[] line() {
            return losses[betas.length / 2];
        }

        boolean sameAxes(Grid o) {
            return Arrays.equals(alphas, o.alphas) && Arrays.equals(betas, o.betas);
        }
    }

    static List<Path> write(ReportData data, Path dir, Consumer<String> warn) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String model : data.models()) {
            for (String evaluation : data.evaluations(model)) {
                if (!Evaluations.isLandscape(evaluation)) {
                    continue;
                }
                for (String task : data.tasks(model, evaluation)) {
                    files.addAll(plots(data, dir, warn, model, evaluation, task));
                }
            }
        }
        return files;
    }

    private static List<Path> plots(ReportData data, Path dir, Consumer<String> warn, String model, String evaluation,
            String task) throws IOException {
        Map<String, List<Grid>> byMethod = new LinkedHashMap<>();
        Grid axes = null;
        for (String method : data.methods(model, evaluation)) {
            for (ResultRow r : data.rows()) {
                if (!ResultRow.LANDSCAPE.equals(r.kind()) || !r.model().equals(model) || !r.task().equals(task)
                        || !r.method().equals(method) || !r.evaluation().equals(evaluation)) {
                    continue;
                }
                Path file = r.file().resolveSibling("landscape.json");
                Grid g;
                try {
                    g = read(file);
                } catch (IOException | RuntimeException e) {
                    warn.accept(file + ": no landscape plot from it (" + e.getMessage() + ")");
                    continue;
                }
                if (axes != null && !g.sameAxes(axes)) {
                    warn.accept(file + ": its grid differs from the other cells of " + evaluation + "; left out");
                    continue;
                }
                axes = g;
                byMethod.computeIfAbsent(method, k -> new ArrayList<>()).add(g);
            }
        }
        List<Path> files = new ArrayList<>();
        if (axes == null) {
            return files;
        }
        String title = model + " · " + Tasks.display(task) + " · " + Evaluations.title(evaluation);
        Map<String, double[]> curves = new LinkedHashMap<>();
        byMethod.forEach((method, grids) -> curves.put(data.methods().label(method) + " (n=" + grids.size() + ")",
                mean(grids.stream().map(g -> new double[][] {g.line()}).toList())[0]));
        Path line = LandscapeCharts.line(dir.resolve(FileNames.plot(model, task, evaluation)), title, axes.alphas(),
                curves);
        PlotCaptions.write(line, title + ": the loss (mean cross-entropy, nats) at w + α·d along one random "
                + "filter-normalised direction d around each fine-tuned model's weights w; one curve per method, the "
                + "mean over its seeds (n). A lower, wider curve is a flatter optimum; a curve near ln 2 throughout "
                + "belongs to a model that barely left chance (docs/landscape.md §6).");
        files.add(line);
        if (axes.betas().length > 1) {
            for (Map.Entry<String, List<Grid>> e : byMethod.entrySet()) {
                double[][] grid = mean(e.getValue().stream().map(Grid::losses).toList());
                String label = data.methods().label(e.getKey()) + " (n=" + e.getValue().size() + ")";
                Path plane = LandscapeCharts.heatMap(dir.resolve(FileNames.plot(model, task, evaluation, e.getKey(),
                        "2d")), title + " · " + label, axes.alphas(), axes.betas(), grid);
                PlotCaptions.write(plane, title + " · " + label + ": the loss at w + α·d1 + β·d2 on the plane of two "
                        + "random filter-normalised directions, the mean over the method's seeds; blue low, red high, "
                        + "the colour scale from the plane's smallest to its largest loss.");
                files.add(plane);
            }
        }
        return files;
    }

    private static double[][] mean(List<double[][]> grids) {
        double[][] out = new double[grids.get(0).length][grids.get(0)[0].length];
        for (double[][] g : grids) {
            for (int j = 0; j < out.length; j++) {
                for (int i = 0; i < out[j].length; i++) {
                    out[j][i] += g[j][i] / grids.size();
                }
            }
        }
        return out;
    }

    private static Grid read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing");
        }
        JsonNode grid = JSON.readTree(file.toFile()).path("grid");
        double[] alphas = doubles(grid.path("alpha"));
        JsonNode loss = grid.path("loss");
        if (grid.has("beta")) {
            double[] betas = doubles(grid.path("beta"));
            double[][] losses = new double[betas.length][];
            for (int j = 0; j < betas.length; j++) {
                losses[j] = doubles(loss.path(j));
                if (losses[j].length != alphas.length) {
                    throw new IOException("grid.loss row " + j + " has " + losses[j].length + " values for "
                            + alphas.length + " alphas");
                }
            }
            return new Grid(alphas, betas, losses);
        }
        double[] line = doubles(loss);
        if (line.length != alphas.length || alphas.length == 0) {
            throw new IOException("grid.loss has " + line.length + " values for " + alphas.length + " alphas");
        }
        return new Grid(alphas, new double[] {0}, new double[][] {line});
    }

    private static double[] doubles(JsonNode a) throws IOException {
        if (!a.isArray()) {
            throw new IOException("not an array: " + a);
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IOException("not a number: " + a.get(i));
            }
            out[i] = a.get(i).doubleValue();
        }
        return out;
    }
}
