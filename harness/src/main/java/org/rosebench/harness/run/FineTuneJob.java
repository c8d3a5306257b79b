package org.rosebench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.DataPath;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Sampling;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.WeightLoader;
import org.rosebench.core.train.Evaluator;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.Trainer;
import org.rosebench.core.util.Provenance;

/**
 * Fine-tunes one model on one task with one method and evaluates the final model on GLUE dev and AdvGLUE dev:
 * the unit of work behind {@code train} and {@code demo}.
 */
public final class FineTuneJob {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much of the training file to use. */
    public record TrainSelection(Integer limit, Integer sample) {
        public static TrainSelection all() {
            return new TrainSelection(null, null);
        }

        List<Example> apply(List<Example> train, long seed) {
            if (limit != null && sample != null) {
                throw new IllegalArgumentException("--train-limit and --train-sample are exclusive");
            }
            if (limit != null) {
                return Sampling.limit(train, Math.min(limit, train.size()));
            }
            if (sample != null) {
                return Sampling.subsample(train, Math.min(sample, train.size()), seed);
            }
            return train;
        }

        String describe(long seed) {
            return limit != null ? "first " + limit : sample != null ? "sample " + sample + " seed " + seed : "all";
        }
    }

    public record Outcome(String method, Trainer.Result training, Evaluator.Result dev, Evaluator.Result advGlue,
            int trainExamples, Path checkpoint) {}

    private final String model;
    private final Task task;
    private final String method;
    private final Map<String, String> params;
    private final TrainConfig config;
    private final TrainSelection selection;
    private final DataPath dataPath;
    private final ObjectNode extraMetadata;
    private boolean allowPartialLoad;

    public FineTuneJob(String model, Task task, String method, Map<String, String> params, TrainConfig config,
            TrainSelection selection, DataPath dataPath, ObjectNode extraMetadata) {
        this.model = model;
        this.task = task;
        this.method = method;
        this.params = params;
        this.config = config;
        this.selection = selection;
        this.dataPath = dataPath;
        this.extraMetadata = extraMetadata;
    }

    private org.rosebench.core.train.CheckpointPolicy checkpointPolicy = org.rosebench.core.train.CheckpointPolicy.DEFAULT;
    private boolean keepBest = true;

    /** When the trainer saves its resumable state (default {@code CheckpointPolicy.DEFAULT}). */
    public FineTuneJob optCheckpointPolicy(org.rosebench.core.train.CheckpointPolicy policy) {
        this.checkpointPolicy = policy;
        return this;
    }

    /** Whether to keep {@code best/} besides {@code last/} (default true). */
    public FineTuneJob optKeepBest(boolean keep) {
        this.keepBest = keep;
        return this;
    }

    /** Accepts a pretrained directory whose tensor names mostly do not match (the load report records it). */
    public FineTuneJob allowPartialLoad(boolean allow) {
        this.allowPartialLoad = allow;
        return this;
    }

    /** Trains into {@code out} ({@code best/}, {@code last/}, logs) and evaluates {@code last/}. */
    public Outcome run(Path out, boolean evaluateAdvGlue) throws IOException {
        MethodRegistry.load().setup(method, params); // bad method specs and parameters fail before any data is read
        GlueData glue = new GlueData(dataPath);
        List<Example> dev = glue.load(task, task.devSplits().get(0)).examples();
        List<Example> adv = evaluateAdvGlue ? glue.loadAdvGlue(task.advGlueKeys().get(0)) : List.of();
        try (Trained t = train(out)) {
            Evaluator.Result devResult = Evaluator.evaluate(t.classifier(), dev, config.evalBatchSize(),
                    "eval " + task.cliName() + " dev");
            Evaluator.Result advResult = adv.isEmpty() ? null
                    : Evaluator.evaluate(t.classifier(), adv, config.evalBatchSize(), "eval " + task.cliName() + " advglue");
            return new Outcome(t.method(), t.training(), devResult, advResult, t.trainExamples(), out.resolve("last"));
        }
    }

    /** A trained model still in memory (close it), with the training record. */
    public record Trained(SequenceClassifier classifier, String method, Trainer.Result training, int trainExamples,
            WeightLoader.Report loadReport) implements AutoCloseable {
        @Override
        public void close() {
            classifier.close();
        }
    }

    /** Trains into {@code out} ({@code best/}, {@code last/}, train.log, metrics.json, selection.jsonl). */
    public Trained train(Path out) throws IOException {
        MethodSetup setup = MethodRegistry.load().setup(method, params);
        GlueData glue = new GlueData(dataPath);
        List<Example> train = selection.apply(glue.load(task, Split.TRAIN).examples(), config.seed());
        List<Example> dev = glue.load(task, task.devSplits().get(0)).examples();

        HfDirectory pretrained = ModelCatalog.resolve(model);
        ObjectNode meta = extraMetadata == null ? JSON.createObjectNode() : extraMetadata.deepCopy();
        meta.put("task", task.cliName());
        meta.set("labels", JSON.valueToTree(task.labelNames()));
        meta.put("base_model", model);
        meta.put("method", setup.name());
        meta.set("method_parameters", JSON.valueToTree(setup.parameters()));
        meta.set("train_config", JSON.valueToTree(config));
        meta.put("train_examples", train.size());
        meta.put("train_selection", selection.describe(config.seed()));
        meta.put("train_file", dataPath.locate(glue.resolve(task, Split.TRAIN).path()));
        meta.set("provenance", Provenance.collect());

        SequenceClassifier classifier = SequenceClassifier.fromPretrained(pretrained, task.labelNames(),
                config.maxLength(), config.seed(), allowPartialLoad);
        try {
            WeightLoader.Report report = classifier.loadReport();
            meta.set("load_report", JSON.valueToTree(report)); // kept with the checkpoint (rose_bench.json)
            if (!report.summary().isEmpty()) {
                System.err.println("[rose-bench] " + model + ": " + report.summary());
            }
            System.err.printf("[rose-bench] training %s on %s (%d examples, dev %d) with %s %s%n", model,
                    task.cliName(), train.size(), dev.size(), setup.name(), setup.parameters());
            Trainer.Result r = new Trainer(config, out, meta).optCheckpointPolicy(checkpointPolicy).optKeepBest(keepBest)
                    .train(classifier, setup, train, dev);
            return new Trained(classifier, setup.name(), r, train.size(), report);
        } catch (IOException | RuntimeException e) {
            classifier.close();
            throw e;
        }
    }
}
