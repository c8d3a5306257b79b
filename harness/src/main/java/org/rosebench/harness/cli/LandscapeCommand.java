package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.core.data.Task;
import org.rosebench.core.landscape.LandscapeOptions;
import org.rosebench.core.landscape.LandscapeResult;
import org.rosebench.core.model.ModelContent;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.harness.landscape.LandscapeJob;
import org.rosebench.harness.report.LandscapeCharts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "landscape", description = {
    "Loss landscape around a fine-tuned checkpoint (docs/landscape.md): the loss along filter-normalised random "
            + "directions (Li et al. 2018), the mean loss increase at 0.25, 0.5 and 1 × the radius, and ε-sharpness "
            + "(Keskar et al. 2017). Writes OUT/landscape.json, OUT/landscape.png and, with --dims 2, "
            + "OUT/landscape-2d.png; progress on stderr."})
final class LandscapeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true)
    Path checkpoint;

    @Option(names = "--task", required = true)
    String task;

    @Option(names = "--split", defaultValue = "dev", description = "dev or train (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--examples", defaultValue = "256",
            description = "examples the loss is averaged over: a seeded sample (--seed) of the split in file order, "
                    + "the whole split when it is smaller (default ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--dims", defaultValue = "1", description = "1: a line, 2: a plane (grid² points) (default ${DEFAULT-VALUE})")
    int dims;

    @Option(names = "--grid", defaultValue = "11", description = "points per axis, odd (default ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--radius", defaultValue = "1.0",
            description = "the grid spans [-R, R] along each direction; 1 moves every filter by its own norm (default ${DEFAULT-VALUE})")
    double radius;

    @Option(names = "--directions", defaultValue = "4",
            description = "random directions behind the loss-increase figures, 0 for none (default ${DEFAULT-VALUE})")
    int directions;

    @Option(names = "--seed", defaultValue = "1", description = "directions and example sample (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--bias-ln", defaultValue = "zero",
            description = "directions of 1-D tensors (biases, LayerNorm): zero (not perturbed, Li et al.'s figures) "
                    + "or weights (the tensor itself) (default ${DEFAULT-VALUE})")
    String biasLn;

    @Option(names = "--epsilon", defaultValue = "0.001",
            description = "ε of ε-sharpness, the box |y_i| ≤ ε(|w_i|+1); 0 skips it (default ${DEFAULT-VALUE})")
    double epsilon;

    @Option(names = "--epsilon-steps", defaultValue = "5",
            description = "projected sign-gradient ascent steps of ε-sharpness (default ${DEFAULT-VALUE})")
    int epsilonSteps;

    @Option(names = "--batch-size", defaultValue = "64", description = "evaluation batch size (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-length", description = "default: the max_length the checkpoint was trained with "
            + "(its rose_bench.json), else " + CheckpointMaxLength.FALLBACK)
    Integer maxLength;

    @Option(names = "--data")
    Path data;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Override
    public Integer call() throws Exception {
        Task t = Task.byName(task);
        LandscapeOptions options;
        try {
            options = new LandscapeOptions(dims, grid, radius, directions, seed, LandscapeOptions.BiasLn.of(biasLn),
                    epsilon, epsilonSteps);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (examples < 1 || batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--examples and --batch-size must be >= 1");
        }
        if (!LandscapeJob.SPLITS.contains(split)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--split must be one of " + LandscapeJob.SPLITS
                    + ", got '" + split + "'");
        }
        LandscapeJob.Data d = LandscapeJob.load(CommonOptions.dataDir(data), t, split);
        int length = CheckpointMaxLength.resolve(checkpoint, maxLength);
        LandscapeJob.Subject subject = new LandscapeJob.Subject(checkpoint.toString(),
                ModelContent.sha256(checkpoint), length);
        LandscapeJob.Outcome o;
        try (SequenceClassifier model = SequenceClassifier.load(checkpoint, length)) {
            o = LandscapeJob.run(model, subject, d, examples, options, batchSize);
        }
        LandscapeResult r = o.result();
        ObjectNode json = o.json();
        LandscapeJob.write(out.resolve(LandscapeJob.FILE), json);
        String title = checkpoint.getFileName() + " · " + t.cliName() + " " + split + " (" + o.examples() + " examples)";
        Map<String, double[]> curve = new LinkedHashMap<>();
        curve.put(checkpoint.toString(), r.line());
        LandscapeCharts.line(out.resolve("landscape.png"), title, r.alphas(), curve);
        if (dims == 2) {
            LandscapeCharts.heatMap(out.resolve("landscape-2d.png"), title, r.alphas(), r.betas(), r.losses());
        }
        if (common.json) {
            Json.print(json);
        } else {
            System.out.print(summary(r, o.examples()));
            System.out.println("wrote " + out.resolve(LandscapeJob.FILE) + ", " + out.resolve("landscape.png")
                    + (dims == 2 ? ", " + out.resolve("landscape-2d.png") : ""));
        }
        return 0;
    }

    static String summary(LandscapeResult r, int examples) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "centre loss %.5f on %d examples%n", r.centreLoss(), examples));
        for (LandscapeResult.Sharpness s : r.sharpness()) {
            sb.append(String.format(Locale.ROOT, "loss increase at r = %.4g (%.2f R): %.5f ± %.5f over %d directions%n",
                    s.radius(), s.fraction(), s.meanIncrease(), s.stdIncrease(), s.plus().length));
        }
        if (r.epsilon() != null) {
            sb.append(String.format(Locale.ROOT, "ε-sharpness (ε = %s, %d steps): max increase %.5f, %.4f %% of 1 + L%n",
                    r.epsilon().epsilon(), r.epsilon().steps(), r.epsilon().maxIncrease(), r.epsilon().keskarPercent()));
        }
        sb.append(String.format(Locale.ROOT, "%d grid points in %.1f s (%.3f s per point; the loss at the weights "
                + "took %.3f s), %.1f s in all%n", r.timing().gridPoints(), r.timing().gridSeconds(),
                r.timing().secondsPerGridPoint(), r.timing().centreSeconds(), r.timing().seconds()));
        return sb.toString();
    }
}
