package org.rosebench.harness.landscape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.core.data.DataPath;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.GlueSplit;
import org.rosebench.core.data.Sampling;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.landscape.ClassifierLoss;
import org.rosebench.core.landscape.LandscapeAnalysis;
import org.rosebench.core.landscape.LandscapeOptions;
import org.rosebench.core.landscape.LandscapeResult;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.util.Cache;
import org.rosebench.core.util.Provenance;
import org.rosebench.harness.report.Metrics;

/**
 * One landscape analysis of a fine-tuned classifier, as {@code rose-bench landscape} and the matrix's landscape cells
 * run it (docs/landscape.md): the examples, the loss, the analysis and {@code landscape.json}.
 */
public final class LandscapeJob {

    public static final String FORMAT = "rose-bench-landscape/1";
    public static final String FILE = "landscape.json";
    /** The splits a landscape is computed on. */
    public static final List<String> SPLITS = List.of("dev", "train");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LandscapeJob() {}

    /**
     * The data a landscape is computed on.
     *
     * @param examples the whole split, in file order
     * @param file     the file they were read from
     * @param located  the file as {@link DataPath#locate} names it ({@code bundled:glue/SST-2/dev.tsv.gz})
     */
    public record Data(Task task, String split, List<Example> examples, Path file, String located) {}

    /**
     * Where the weights come from.
     *
     * @param checkpoint       as the user typed it, or {@code cells/<train cell>/last} in a matrix
     * @param checkpointSha256 content hash of the checkpoint ({@code ModelContent}, as in cell keys)
     */
    public record Subject(String checkpoint, String checkpointSha256, int maxLength) {}

    /** What a run produced: the numbers and {@code landscape.json}'s content. */
    public record Outcome(LandscapeResult result, ObjectNode json, int examples) {}

    /** A split of a task: {@code dev} (MNLI: matched) or {@code train}. */
    public static Data load(DataPath dataPath, Task task, String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("landscapes are computed on " + SPLITS + ", not '" + split + "'");
        }
        GlueData glue = new GlueData(dataPath);
        GlueSplit s = glue.load(task, split.equals("train") ? Split.TRAIN : task.devSplits().get(0));
        return new Data(task, split, s.examples(), s.source().path(), dataPath.locate(s.source().path()));
    }

    /**
     * The examples of an analysis: all of the split when it has at most {@code n}, else a seeded sample of
     * {@code n} in file order ({@link Sampling#subsample}, the analysis seed), so consecutive file rows (sorted
     * or grouped files) do not decide what the loss is measured on.
     */
    public static List<Example> select(List<Example> all, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("examples must be >= 1, got " + n);
        }
        return n >= all.size() ? List.copyOf(all) : Sampling.subsample(all, n, seed);
    }

    public static Outcome run(SequenceClassifier model, Subject subject, Data data, int examples,
            LandscapeOptions options, int batchSize) throws IOException {
        if (!model.labels().equals(data.task().labelNames())) {
            throw new IllegalArgumentException(subject.checkpoint() + ": labels " + model.labels()
                    + " do not match task " + data.task().cliName() + " " + data.task().labelNames());
        }
        List<Example> chosen = select(data.examples(), examples, options.seed());
        ClassifierLoss loss = new ClassifierLoss(model, chosen, batchSize);
        LandscapeResult r = LandscapeAnalysis.run(loss, options,
                "landscape " + data.task().cliName() + " " + data.split());
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.putObject("checkpoint").put("path", subject.checkpoint()).put("sha256", subject.checkpointSha256())
                .put("max_length", subject.maxLength());
        json.put("task", data.task().cliName()).put("split", data.split());
        json.putObject("data").put("file", data.located())
                .put("sha256", org.rosebench.core.data.DataFiles.contentSha256(data.file()))
                .put("rows", data.examples().size());
        json.put("examples", chosen.size());
        ArrayNode indices = json.putArray("example_indices");
        chosen.forEach(e -> indices.add(e.index()));
        json.set("options", options(options, batchSize));
        json.put("loss", "mean cross-entropy (nats), dropout off, batched as the evaluator batches");
        json.put("centre_loss", r.centreLoss());
        json.set("metrics", JSON.valueToTree(metrics(r)));
        ObjectNode grid = json.putObject("grid");
        grid.set("alpha", JSON.valueToTree(r.alphas()));
        if (options.dims() == 2) {
            grid.set("beta", JSON.valueToTree(r.betas()));
            grid.set("loss", JSON.valueToTree(r.losses()));
        } else {
            grid.set("loss", JSON.valueToTree(r.line()));
        }
        ArrayNode sharpness = json.putArray("sharpness");
        for (LandscapeResult.Sharpness s : r.sharpness()) {
            ObjectNode n = sharpness.addObject();
            n.put("fraction", s.fraction()).put("radius", s.radius()).put("mean_increase", s.meanIncrease())
                    .put("std_increase", s.stdIncrease());
            n.set("plus", JSON.valueToTree(s.plus()));
            n.set("minus", JSON.valueToTree(s.minus()));
        }
        if (r.epsilon() != null) {
            LandscapeResult.EpsilonSharpness e = r.epsilon();
            ObjectNode n = json.putObject("epsilon_sharpness");
            n.put("box", "|y_i| <= epsilon·(|w_i| + 1) over every parameter (Keskar et al. 2017, A = I)")
                    .put("ascent", "projected sign-gradient ascent from y = 0, step = step_fraction·epsilon·(|w| + 1)")
                    .put("epsilon", e.epsilon()).put("steps", e.steps()).put("step_fraction", e.stepFraction())
                    .put("max_loss", e.maxLoss()).put("max_increase", e.maxIncrease())
                    .put("keskar_percent", e.keskarPercent());
            n.set("iterate_losses", JSON.valueToTree(e.iterateLosses()));
        }
        LandscapeResult.Timing t = r.timing();
        json.putObject("timing").put("seconds", t.seconds()).put("centre_seconds", t.centreSeconds())
                .put("grid_points", t.gridPoints())
                .put("seconds_per_grid_point", t.secondsPerGridPoint()).put("loss_evaluations", t.lossEvaluations())
                .put("gradient_passes", t.gradientPasses());
        json.putObject("versions").put("landscape", LandscapeAnalysis.VERSION);
        json.set("provenance", Provenance.collect());
        return new Outcome(r, json, chosen.size());
    }

    /** The options as landscape.json and the cell keys spell them (numbers in one canonical form). */
    public static ObjectNode options(LandscapeOptions o, int batchSize) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dims", o.dims()).put("grid", o.grid()).put("radius", o.radius())
                .put("directions", o.directions()).put("seed", o.seed()).put("bias_ln", o.biasLn().label())
                .put("epsilon", o.epsilon()).put("epsilon_steps", o.epsilonSteps())
                .put("batch_size", batchSize);
        return n;
    }

    /**
     * The headline figures, as result rows and tables name them: {@code centre_loss},
     * {@code loss_increase_r<fraction>} (mean over directions and both signs), {@code epsilon_sharpness} (Keskar's
     * percent) and {@code epsilon_max_increase}.
     */
    public static Map<String, Double> metrics(LandscapeResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.CENTRE_LOSS, r.centreLoss());
        for (LandscapeResult.Sharpness s : r.sharpness()) {
            m.put(increaseMetric(s.fraction()), s.meanIncrease());
        }
        if (r.epsilon() != null) {
            m.put(Metrics.EPSILON_SHARPNESS, r.epsilon().keskarPercent());
            m.put(Metrics.EPSILON_MAX_INCREASE, r.epsilon().maxIncrease());
        }
        return m;
    }

    public static String increaseMetric(double fraction) {
        return Metrics.LOSS_INCREASE_PREFIX + plain(fraction);
    }

    private static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** Writes landscape.json under a temporary name and renames it: a reader never sees half a file. */
    public static void write(Path file, ObjectNode json) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Cache.tempSibling(file);
        JSON.writeValue(tmp.toFile(), json);
        Cache.moveAtomically(tmp, file);
    }

    /** Reads a landscape.json back (for plots). */
    public static ObjectNode read(Path file) throws IOException {
        return (ObjectNode) JSON.readTree(file.toFile());
    }
}
