package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Sampling;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.Trainer;
import org.rosebench.core.util.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Fine-tune a pretrained model on a GLUE task with a registered method.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--model", required = true, description = "catalog name (see `models`) or HF directory")
    String model;

    @Option(names = "--task", required = true, description = "sst2, qnli, qqp, rte or mnli")
    String task;

    @Option(names = "--method", defaultValue = "vanilla", description = "METHOD, SELECTOR or METHOD+SELECTOR, e.g. vanilla, rose-ensemble, r3f+rose-ensemble (see `methods`; default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "method parameter, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--data", description = "data root (default $ROSE_DATA_DIR or ../shared/data)")
    Path data;

    @Option(names = "--train-limit", description = "use the first N training rows")
    Integer trainLimit;

    @Option(names = "--train-sample", description = "use a seeded random sample of N training rows (file order kept)")
    Integer trainSample;

    @Option(names = "--epochs", defaultValue = "3")
    int epochs;

    @Option(names = "--lr", defaultValue = "5e-5")
    double lr;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--max-length", defaultValue = "128")
    int maxLength;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--warmup-ratio", defaultValue = "0")
    double warmupRatio;

    @Option(names = "--weight-decay", defaultValue = "0.01")
    double weightDecay;

    @Option(names = "--out", required = true, description = "output directory (best/, last/, train.log, metrics.json)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Task t = Task.byName(task);
        MethodRegistry registry = MethodRegistry.load();
        MethodSetup m = registry.setup(method, params);
        TrainConfig config = TrainConfig.builder().optEpochs(epochs).optLearningRate(lr).optBatchSize(batchSize)
                .optMaxLength(maxLength).optSeed(seed).optWarmupRatio(warmupRatio).optWeightDecay(weightDecay).build();

        Path dataDir = CommonOptions.dataDir(data);
        GlueData glue = new GlueData(dataDir);
        List<Example> train = glue.load(t, Split.TRAIN).examples();
        if (trainLimit != null && trainSample != null) {
            throw new IllegalArgumentException("--train-limit and --train-sample are exclusive");
        }
        if (trainLimit != null) {
            train = Sampling.limit(train, Math.min(trainLimit, train.size()));
        } else if (trainSample != null) {
            train = Sampling.subsample(train, Math.min(trainSample, train.size()), seed);
        }
        List<Example> dev = EvalSets.load(dataDir, t, "dev");

        HfDirectory pretrained = ModelCatalog.resolve(model);
        ObjectNode meta = Json.object();
        meta.put("task", t.cliName());
        meta.set("labels", Json.MAPPER.valueToTree(t.labelNames()));
        meta.put("base_model", model);
        meta.put("method", m.name());
        meta.set("method_parameters", Json.MAPPER.valueToTree(m.parameters()));
        meta.set("train_config", Json.MAPPER.valueToTree(config));
        meta.put("train_examples", train.size());
        meta.put("train_selection", trainLimit != null ? "first " + trainLimit : trainSample != null
                ? "sample " + trainSample + " seed " + seed : "all");
        meta.put("data_dir", dataDir.toAbsolutePath().normalize().toString());
        meta.set("provenance", Provenance.collect());

        try (SequenceClassifier classifier = SequenceClassifier.fromPretrained(pretrained, t.labelNames(), maxLength, seed)) {
            if (!classifier.loadReport().isEmpty()) {
                System.err.println("[rose-bench] " + model + ": " + classifier.loadReport());
            }
            System.err.printf("[rose-bench] training %s on %s (%d examples, dev %d) with %s %s%n", model, t.cliName(),
                    train.size(), dev.size(), m.name(), m.parameters());
            Trainer.Result r = new Trainer(config, out, meta).train(classifier, m, train, dev);
            ObjectNode summary = Json.object();
            summary.put("task", t.cliName()).put("model", model).put("method", m.name())
                    .put("train_examples", train.size()).put("epochs", epochs).put("steps", r.steps())
                    .put("best_epoch", r.bestEpoch()).put("best_dev_accuracy", r.bestDevAccuracy())
                    .put("last_dev_accuracy", r.lastDevAccuracy()).put("train_seconds", r.trainSeconds())
                    .put("examples_per_second", r.examplesPerSecond())
                    .put("checkpoint", out.resolve("last").toString());
            if (common.json) {
                Json.print(summary);
            } else {
                System.out.printf("%s %s on %s: dev accuracy last %.4f, best %.4f (epoch %d); %.0f s, %.1f ex/s; "
                        + "checkpoints in %s%n", m.name(), model, t.cliName(), r.lastDevAccuracy(), r.bestDevAccuracy(),
                        r.bestEpoch(), r.trainSeconds(), r.examplesPerSecond(), out);
            }
        }
        return 0;
    }
}
