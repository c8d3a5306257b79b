package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingStepper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Step-time benchmark of fine-tuning methods, side by side in one process: every method gets its own model (same
 * initialisation) and optimiser, and the methods take turns on the same batches, so machine noise hits all of them
 * alike; reported as medians and as the median of per-round ratios to the first method. {@code --memory} runs each
 * method alone in a child JVM and reports its peak resident memory (VmHWM).
 */
@Command(name = "bench", description = "Median training-step time (and peak memory) of methods, side by side.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--model", defaultValue = "minilm-l6")
    String model;

    @Option(names = "--task", defaultValue = "sst2")
    String task;

    @Option(names = "--methods", split = ",", defaultValue = "vanilla,r3f,rose-first,rose-second,rose-ensemble,r3f+rose-ensemble",
            description = "method specs; the first is the reference for ratios (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--steps", defaultValue = "20", description = "measured steps per method")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "unmeasured steps per method first")
    int warmup;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--max-length", defaultValue = "128")
    int maxLength;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--data")
    Path data;

    @Option(names = "--dropout-masks", paramLabel = "SOURCE", defaultValue = "libtorch",
            converter = TrainOptions.MasksConverter.class,
            description = "dropout mask source of every method: libtorch or counter (default ${DEFAULT-VALUE})")
    DropoutMasks dropoutMasks;

    @Option(names = "--memory", description = "also measure each method's peak RSS in a child JVM")
    boolean memory;

    @Option(names = "--out", description = "write the result JSON here too")
    Path out;

    @Override
    public Integer call() throws Exception {
        Task t = Task.byName(task);
        List<Example> pool = new GlueData(CommonOptions.dataDir(data)).load(t, Split.TRAIN).examples();
        int needed = (warmup + steps) * batchSize;
        List<Example> rows = Sampling.subsample(pool, Math.min(needed, pool.size()), seed);
        TrainConfig config = TrainConfig.builder().optBatchSize(batchSize).optMaxLength(maxLength).optSeed(seed)
                .optLearningRate(2e-5).optDropoutMasks(dropoutMasks).build();
        HfDirectory dir = ModelCatalog.resolve(model);
        MethodRegistry registry = MethodRegistry.load();

        List<SequenceClassifier> models = new ArrayList<>();
        List<TrainingStepper> steppers = new ArrayList<>();
        double[][] times = new double[methods.size()][steps];
        try {
            for (String m : methods) {
                SequenceClassifier c = SequenceClassifier.fromPretrained(dir, t.labelNames(), maxLength, seed);
                models.add(c);
                TrainingStepper s = new TrainingStepper(c, registry.setup(m, Map.of()), config, rows, warmup + steps);
                s.prepare();
                steppers.add(s);
            }
            try (var progress = org.rosebench.core.util.Progress.start("bench " + methods.size() + " methods",
                    (long) (warmup + steps) * methods.size(), "steps")) {
                for (int round = 0; round < warmup + steps; round++) {
                    List<Example> batch = rows.subList((round * batchSize) % rows.size(),
                            Math.min(rows.size(), (round * batchSize) % rows.size() + batchSize));
                    for (int k = 0; k < methods.size(); k++) {
                        long start = System.nanoTime();
                        steppers.get(k).step(batch, round + 1, 1, config.learningRate());
                        double ms = (System.nanoTime() - start) / 1e6;
                        if (round >= warmup) {
                            times[k][round - warmup] = ms;
                        }
                        progress.stepBy(1, methods.get(k));
                    }
                }
            }
        } finally {
            steppers.forEach(TrainingStepper::close);
            models.forEach(SequenceClassifier::close);
        }

        ObjectNode result = Json.object();
        result.put("model", model).put("task", t.cliName()).put("batch_size", batchSize).put("steps", steps)
                .put("warmup", warmup).put("seed", seed).put("dropout_masks", dropoutMasks.label());
        result.set("provenance", org.rosebench.core.util.Provenance.collect());
        ArrayNode list = result.putArray("methods");
        Map<String, Long> peaks = memory ? peakMemory() : Map.of();
        for (int k = 0; k < methods.size(); k++) {
            double[] ratios = new double[steps];
            for (int i = 0; i < steps; i++) {
                ratios[i] = times[k][i] / times[0][i];
            }
            ObjectNode n = list.addObject();
            n.put("method", methods.get(k)).put("median_ms", median(times[k])).put("p10_ms", quantile(times[k], 0.1))
                    .put("p90_ms", quantile(times[k], 0.9)).put("median_ratio", median(ratios));
            if (peaks.containsKey(methods.get(k))) {
                n.put("peak_rss_mb", peaks.get(methods.get(k)) / 1024.0);
            }
        }
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result),
                    StandardCharsets.UTF_8);
        }
        if (common.json) {
            Json.print(result);
        } else {
            System.out.printf("%-22s %10s %10s %10s %8s %10s%n", "method", "median ms", "p10 ms", "p90 ms", "ratio",
                    "peak MB");
            for (JsonNode n : list) {
                System.out.printf("%-22s %10.0f %10.0f %10.0f %7.2fx %10s%n", n.get("method").asText(),
                        n.get("median_ms").asDouble(), n.get("p10_ms").asDouble(), n.get("p90_ms").asDouble(),
                        n.get("median_ratio").asDouble(),
                        n.has("peak_rss_mb") ? String.format("%.0f", n.get("peak_rss_mb").asDouble()) : "-");
            }
        }
        return 0;
    }

    /** Each method alone in a child JVM (same classpath): peak resident set size in kB. */
    private Map<String, Long> peakMemory() throws IOException, InterruptedException {
        Map<String, Long> out = new LinkedHashMap<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (String m : methods) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx4g", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
                    "-Drose.progress=false", "-cp", System.getProperty("java.class.path"), RoseBench.class.getName(),
                    "bench", "--json", "--model", model, "--task", task, "--methods", m, "--steps", "5", "--warmup", "1",
                    "--batch-size", Integer.toString(batchSize), "--max-length", Integer.toString(maxLength),
                    "--report-peak"));
            if (data != null) {
                cmd.addAll(List.of("--data", data.toString()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("OPT_OUT_TRACKING", "true");
            Process p = pb.start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("memory run of " + m + " failed (exit " + p.exitValue() + ")");
            }
            JsonNode node = Json.MAPPER.readTree(stdout.lines().reduce((a, b) -> b).orElse("{}"));
            out.put(m, node.path("peak_rss_kb").asLong());
        }
        return out;
    }

    @Option(names = "--report-peak", hidden = true)
    void reportPeak(boolean on) {
        if (on) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // printed last on stdout by the child; read by peakMemory()
                System.out.println("{\"peak_rss_kb\":" + vmHwmKb() + "}");
            }));
        }
    }

    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
