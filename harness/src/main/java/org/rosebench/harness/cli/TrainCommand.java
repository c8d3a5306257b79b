package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.Preset;
import org.rosebench.core.method.PresetRegistry;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.harness.run.FineTuneJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Fine-tune a pretrained model on a GLUE task with a registered method.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    TrainOptions train = new TrainOptions();

    @Option(names = "--model", required = true, description = "catalog name (see `models`) or HF directory")
    String model;

    @Option(names = "--task", required = true, description = "sst2, qnli, qqp, rte or mnli")
    String task;

    @Option(names = "--method", defaultValue = "vanilla", description = "METHOD, SELECTOR or METHOD+SELECTOR, e.g. "
            + "vanilla, rose-ensemble, r3f+rose-ensemble (see `methods`; default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "method or selector parameter, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--preset", description = "named defaults, e.g. rose-ensemble-base-sst2 (see `methods --presets`); "
            + "explicit options override them")
    String preset;

    @Option(names = "--no-advglue", description = "skip the AdvGLUE evaluation after training")
    boolean noAdvGlue;

    @Option(names = "--allow-partial-load", description = "train even when most pretrained tensor names do not match "
            + "the model (they are initialised at random; the load report in rose_bench.json lists them)")
    boolean allowPartialLoad;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "200", description = "save the "
            + "resumable training state every STEPS steps (default: ${DEFAULT-VALUE}; 0: not by steps); the same command "
            + "resumes from it after a kill")
    long checkpointSteps;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", defaultValue = "10", description = "and at least every "
            + "M minutes (default: ${DEFAULT-VALUE}; 0: not by time)")
    double checkpointMinutes;

    @Option(names = "--out", required = true, description = "output directory (best/, last/, train.log, metrics.json)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (preset != null) {
            applyPreset(PresetRegistry.load().get(preset));
        }
        Task t = Task.byName(task);
        TrainConfig config;
        try {
            config = train.config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ObjectNode extra = Json.object();
        if (preset != null) {
            extra.put("preset", preset);
        }
        FineTuneJob job = new FineTuneJob(model, t, method, params, config,
                new FineTuneJob.TrainSelection(train.trainLimit, train.trainSample), CommonOptions.dataDir(train.data),
                extra).allowPartialLoad(allowPartialLoad)
                .optCheckpointPolicy(org.rosebench.core.train.CheckpointPolicy.of(Math.max(0, checkpointSteps),
                        java.time.Duration.ofMillis(Math.round(Math.max(0, checkpointMinutes) * 60_000))));
        FineTuneJob.Outcome o;
        try (org.rosebench.core.util.StopRequest.Installed ignored = org.rosebench.core.util.StopRequest.installSignalHandler()) {
            o = job.run(out, !noAdvGlue);
        } catch (org.rosebench.core.train.TrainingStopped stopped) {
            System.err.printf("[rose-bench] stopped at step %d of %d (%s); the same command resumes from %s%n",
                    stopped.step(), stopped.totalSteps(), stopped.reason(), stopped.stateDir());
            return WorkerOptions.EXIT_STOPPED;
        }
        ObjectNode summary = Json.object();
        summary.put("task", t.cliName()).put("model", model).put("method", o.method())
                .put("train_examples", o.trainExamples()).put("epochs", train.epochs).put("steps", o.training().steps())
                .put("best_epoch", o.training().bestEpoch()).put("best_dev_accuracy", o.training().bestDevAccuracy())
                .put("dev_accuracy", o.dev().accuracy())
                .put("train_seconds", o.training().trainSeconds())
                .put("examples_per_second", o.training().examplesPerSecond())
                .put("checkpoint", o.checkpoint().toString());
        if (o.advGlue() != null) {
            summary.put("advglue_accuracy", o.advGlue().accuracy()).put("advglue_examples", o.advGlue().total());
        }
        if (common.json) {
            Json.print(summary);
        } else {
            System.out.printf("%s %s on %s: dev accuracy %.4f (best %.4f at epoch %d)%s; %.0f s, %.1f ex/s; checkpoint %s%n",
                    o.method(), model, t.cliName(), o.dev().accuracy(), o.training().bestDevAccuracy(),
                    o.training().bestEpoch(), o.advGlue() == null ? ""
                            : String.format(", AdvGLUE accuracy %.4f (%d)", o.advGlue().accuracy(), o.advGlue().total()),
                    o.training().trainSeconds(), o.training().examplesPerSecond(), o.checkpoint());
        }
        return 0;
    }

    /** Preset values fill every option the user did not give explicitly. */
    private void applyPreset(Preset p) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--method")) {
            method = p.method();
        }
        Map<String, String> merged = new LinkedHashMap<>(p.params());
        merged.putAll(params);
        params = merged;
        Map<String, Double> tr = p.train();
        if (tr.containsKey("lr") && !given.hasMatchedOption("--lr")) train.lr = tr.get("lr");
        if (tr.containsKey("epochs") && !given.hasMatchedOption("--epochs")) train.epochs = tr.get("epochs").intValue();
        if (tr.containsKey("batch_size") && !given.hasMatchedOption("--batch-size")) train.batchSize = tr.get("batch_size").intValue();
        if (tr.containsKey("max_length") && !given.hasMatchedOption("--max-length")) train.maxLength = tr.get("max_length").intValue();
        if (tr.containsKey("warmup_ratio") && !given.hasMatchedOption("--warmup-ratio")) train.warmupRatio = tr.get("warmup_ratio");
        if (tr.containsKey("weight_decay") && !given.hasMatchedOption("--weight-decay")) train.weightDecay = tr.get("weight_decay");
        if (p.task() != null && !p.task().equals(task)) {
            System.err.println("[rose-bench] note: preset " + p.name() + " was tuned for task " + p.task());
        }
    }
}
