package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rosebench.core.data.Task;
import org.rosebench.core.util.Cache;
import org.rosebench.harness.run.FineTuneJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job on the embedded default: fine-tune {@code minilm-l6} on SST-2 with each listed method, evaluate on
 * GLUE dev and AdvGLUE dev, print a table. Finished methods are skipped on a re-run (their {@code result.json} is
 * written atomically last), so an interrupted demo resumes.
 */
@Command(name = "demo", description = "Fine-tune and evaluate the default model (minilm-l6) on SST-2; prints a results table.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    TrainOptions train = new TrainOptions();

    @Option(names = "--model", defaultValue = "minilm-l6")
    String model;

    @Option(names = "--task", defaultValue = "sst2")
    String task;

    @Option(names = "--methods", split = ",", defaultValue = "vanilla",
            description = "comma-separated method specs (default ${DEFAULT-VALUE}), e.g. vanilla,r3f,rose-ensemble,r3f+rose-ensemble")
    List<String> methods;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "parameter for every method that declares it")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", defaultValue = "runs/demo", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // the demo's budget: 8,000 sampled SST-2 sentences, 2 epochs (about 9 minutes per single-pass method here)
        if (train.trainLimit == null && train.trainSample == null) {
            train.trainSample = 8000;
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
            train.epochs = 2;
        }
        Task t = Task.byName(task);
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (String method : methods) {
            Path dir = out.resolve(method.replace('+', '_'));
            Path resultFile = dir.resolve("result.json");
            if (Files.isRegularFile(resultFile)) {
                System.err.println("[rose-bench] " + method + ": done already (" + resultFile + "), skipping");
                rows.add(Json.MAPPER.readTree(resultFile.toFile()));
                continue;
            }
            FineTuneJob job = new FineTuneJob(model, t, method, applicable(method), train.config(),
                    new FineTuneJob.TrainSelection(train.trainLimit, train.trainSample),
                    CommonOptions.dataDir(train.data), Json.object().put("job", "demo"));
            FineTuneJob.Outcome o = job.run(dir, true);
            ObjectNode row = Json.object();
            row.put("method", o.method()).put("model", model).put("task", t.cliName())
                    .put("train_examples", o.trainExamples()).put("epochs", train.epochs).put("seed", train.seed)
                    .put("dev_accuracy", o.dev().accuracy()).put("dev_examples", o.dev().total())
                    .put("advglue_accuracy", o.advGlue().accuracy()).put("advglue_examples", o.advGlue().total())
                    .put("train_seconds", o.training().trainSeconds())
                    .put("examples_per_second", o.training().examplesPerSecond())
                    .put("checkpoint", o.checkpoint().toString());
            Path tmp = Files.createTempFile(dir, "result", ".json.tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), row);
            Cache.moveAtomically(tmp, resultFile);
            rows.add(row);
        }
        String table = table(rows);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), table, StandardCharsets.UTF_8);
        if (common.json) {
            ObjectNode o = Json.object();
            o.set("results", rows);
            Json.print(o);
        } else {
            System.out.print(table);
        }
        return 0;
    }

    /** The subset of {@code --param} values a method spec declares (others belong to other methods). */
    private Map<String, String> applicable(String method) {
        Map<String, String> out = new LinkedHashMap<>();
        var registry = org.rosebench.core.method.MethodRegistry.load();
        for (Map.Entry<String, String> e : params.entrySet()) {
            try {
                registry.setup(method, Map.of(e.getKey(), e.getValue()));
                out.put(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ignored) {
                // not this method's parameter
            }
        }
        return out;
    }

    static String table(ArrayNode rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Method | Model | Task | Train ex. | GLUE dev acc. | AdvGLUE dev acc. | Train time (s) | ex/s |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        List<JsonNode> list = new ArrayList<>();
        rows.forEach(list::add);
        for (JsonNode r : list) {
            sb.append(String.format("| %s | %s | %s | %d | %.2f | %.2f | %.0f | %.1f |%n", r.get("method").asText(),
                    r.get("model").asText(), r.get("task").asText(), r.get("train_examples").asInt(),
                    100 * r.get("dev_accuracy").asDouble(), 100 * r.get("advglue_accuracy").asDouble(),
                    r.get("train_seconds").asDouble(), r.get("examples_per_second").asDouble()));
        }
        return sb.toString();
    }
}
