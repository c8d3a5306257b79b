package org.rosebench.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes synthetic run directories in the result-store format (docs/result-store.md): {@code cells/<kind>-<hash16>/}
 * with {@code cell.json} and {@code result.json}, as the matrix runner will.
 */
final class RunDirFixture {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    final Path runDir;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Integer> orders = new LinkedHashMap<>();

    RunDirFixture(Path runDir) {
        this.runDir = runDir;
    }

    RunDirFixture method(String spec, String label, int order) {
        labels.put(spec, label);
        orders.put(spec, order);
        return this;
    }

    /** A train cell; {@code selection} lines go to selection.jsonl (null: the method selects nothing). */
    String train(String model, String task, String method, long seed, List<String> selection) throws IOException {
        Map<String, Object> key = baseKey("train", model, task, method, seed);
        Map<String, Object> result = common(key, model, task, method, seed);
        result.put("train_examples", 100);
        result.put("train_seconds", 12.5);
        result.put("examples_per_second", 8.0);
        result.put("best_epoch", 1);
        result.put("best_dev_accuracy", 0.8);
        result.put("last_dev_accuracy", 0.8);
        result.put("checkpoint", "checkpoint/last");
        result.put("selection_log", selection == null ? null : "selection.jsonl");
        Path dir = write(key, result);
        if (selection != null) {
            Files.write(dir.resolve("selection.jsonl"), selection, StandardCharsets.UTF_8);
        }
        return (String) result.get("cell");
    }

    /** An eval cell: prediction i = labels[i] except at the {@code wrong} indices (flipped). */
    Path eval(String model, String task, String method, long seed, String split, int[] labels, int... wrong)
            throws IOException {
        int[] predictions = labels.clone();
        for (int w : wrong) {
            predictions[w] = 1 - predictions[w];
        }
        Map<String, Object> key = baseKey("eval", model, task, method, seed);
        key.put("split", split);
        key.put("train_cell", trainCellId(model, task, method, seed));
        Map<String, Object> result = common(key, model, task, method, seed);
        int correct = labels.length - wrong.length;
        result.put("split", split);
        result.put("accuracy", (double) correct / labels.length);
        result.put("correct", correct);
        result.put("total", labels.length);
        result.put("predictions", predictions);
        result.put("labels", labels);
        return write(key, result);
    }

    /**
     * An attack cell over examples 0..n-1 of {@code split}: outcome 's', 'f' or 'k' per example; summary computed
     * as TextAttack does, with the given perturbed-word % and queries.
     */
    Path attack(String model, String task, String method, long seed, String recipe, String split, String outcomes,
            double perturbed, double queries) throws IOException {
        Map<String, Object> key = baseKey("attack", model, task, method, seed);
        key.put("recipe", recipe);
        key.put("split", split);
        key.put("train_cell", trainCellId(model, task, method, seed));
        Map<String, Object> result = common(key, model, task, method, seed);
        int n = outcomes.length();
        List<Integer> indices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int s = 0;
        int f = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            indices.add(i);
            switch (outcomes.charAt(i)) {
                case 's' -> { s++; names.add("succeeded"); }
                case 'f' -> { f++; names.add("failed"); }
                case 'k' -> { k++; names.add("skipped"); }
                default -> throw new IllegalArgumentException(outcomes);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("succeeded", s);
        summary.put("failed", f);
        summary.put("skipped", k);
        summary.put("original_accuracy", (n - k) * 100.0 / n);
        summary.put("accuracy_under_attack", f * 100.0 / n);
        summary.put("attack_success_rate", s + f == 0 ? 0.0 : s * 100.0 / (s + f));
        summary.put("avg_perturbed_word_percent", perturbed);
        summary.put("avg_words_per_input", 10.0);
        summary.put("avg_queries", queries);
        result.put("recipe", recipe);
        result.put("split", split);
        result.put("offset", 0);
        result.put("num_examples", n);
        result.put("query_budget", 0);
        result.put("recipe_params", Map.of());
        result.put("summary", summary);
        result.put("example_indices", indices);
        result.put("outcomes", names);
        result.put("results_file", "attack.jsonl");
        return write(key, result);
    }

    /**
     * A landscape cell of evaluation {@code landscape:dev}: its headline metrics and a 1-D {@code landscape.json}
     * with the given curve on {@code alphas}.
     */
    Path landscape(String model, String task, String method, long seed, Map<String, Double> metrics, double[] alphas,
            double[] curve) throws IOException {
        return landscape(model, task, method, seed, metrics, alphas, curve, null, null, Double.NaN);
    }

    /**
     * A landscape cell whose {@code landscape.json} also has the per-direction loss increases at the full radius
     * ({@code plus}, {@code minus}; a smaller fraction 0.5 with half of them is written first) and, unless NaN,
     * ε-sharpness in percent.
     */
    Path landscape(String model, String task, String method, long seed, Map<String, Double> metrics, double[] alphas,
            double[] curve, double[] plus, double[] minus, double epsilonPercent) throws IOException {
        Map<String, Object> key = baseKey("landscape", model, task, method, seed);
        key.put("split", "dev");
        key.put("train_cell", trainCellId(model, task, method, seed));
        Map<String, Object> result = common(key, model, task, method, seed);
        result.put("evaluation", "landscape:dev");
        result.put("split", "dev");
        result.put("examples", 256);
        result.put("metrics", metrics);
        result.put("landscape_file", "landscape.json");
        Path dir = write(key, result);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", "rose-bench-landscape/1");
        file.put("grid", Map.of("alpha", alphas, "loss", curve));
        if (plus != null) {
            double[] halfPlus = java.util.Arrays.stream(plus).map(x -> x / 2).toArray();
            double[] halfMinus = java.util.Arrays.stream(minus).map(x -> x / 2).toArray();
            file.put("sharpness", List.of(Map.of("fraction", 0.5, "plus", halfPlus, "minus", halfMinus),
                    Map.of("fraction", 1.0, "plus", plus, "minus", minus)));
        }
        if (!Double.isNaN(epsilonPercent)) {
            file.put("epsilon_sharpness", Map.of("keskar_percent", epsilonPercent));
        }
        Files.writeString(dir.resolve("landscape.json"), JSON.writeValueAsString(file));
        return dir;
    }

    /** A cell that started but has no result.json yet (and one that failed). */
    void unfinished(String name) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve("cells").resolve(name));
        Files.writeString(dir.resolve("cell.json"), "{\"kind\":\"eval\"}");
        Files.writeString(dir.resolve("failed.json"), "{\"message\":\"boom\",\"time\":\"2025-01-01T00:00:00Z\"}");
    }

    /** Writes raw text as a cell's result.json (for malformed-input tests). */
    Path rawResult(String name, String text) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve("cells").resolve(name));
        Files.writeString(dir.resolve("result.json"), text);
        return dir.resolve("result.json");
    }

    private Map<String, Object> baseKey(String kind, String model, String task, String method, long seed) {
        Map<String, Object> key = new TreeMap<>();
        key.put("kind", kind);
        key.put("model", model);
        key.put("task", task);
        key.put("method", method);
        key.put("seed", seed);
        return key;
    }

    private String trainCellId(String model, String task, String method, long seed) throws IOException {
        return "train-" + hash16(baseKey("train", model, task, method, seed));
    }

    private Map<String, Object> common(Map<String, Object> key, String model, String task, String method, long seed)
            throws IOException {
        String kind = (String) key.get("kind");
        String cell = kind + "-" + hash16(key);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind);
        r.put("cell", cell);
        r.put("train_cell", kind.equals("train") ? cell : key.get("train_cell"));
        r.put("config_name", "fixture");
        r.put("config_hash", "0123456789abcdef");
        r.put("model", model);
        r.put("task", task);
        r.put("seed", seed);
        r.put("method", method);
        r.put("method_label", labels.getOrDefault(method, method));
        r.put("method_order", orders.getOrDefault(method, 99));
        r.put("method_params", Map.of());
        r.put("train_config", Map.of("epochs", 1, "learning_rate", 2e-5, "batch_size", 16, "max_length", 64));
        r.put("duration_seconds", 1.5);
        r.put("finished_at", "2025-01-01T00:00:00Z");
        r.put("provenance", Map.of("git_commit", "abc", "git_dirty", false, "host", "test", "device", "cpu",
                "versions", Map.of("java", "17")));
        return r;
    }

    private Path write(Map<String, Object> key, Map<String, Object> result) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve("cells").resolve((String) result.get("cell")));
        Files.writeString(dir.resolve("cell.json"), JSON.writeValueAsString(key));
        Files.writeString(dir.resolve("result.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return dir;
    }

    private static String hash16(Map<String, Object> key) throws IOException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(key));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int[] alternating(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return labels;
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    /**
     * The hand-computed run the tests check against (model "tiny", seeds 1 and 2). D = per example, ROSE's good
     * outcomes minus Vanilla's summed over the seeds; McNemar over seeds flips the sign of every non-zero D.
     *
     * <pre>
     * dev SST-2 (20 ex.)   vanilla wrong {0..4} 75%, {0..3} 80%   ROSE wrong {0} 95%, {} 100%
     *                      D = 1 2 2 2 1 on examples 0..4, t = 8 = the maximum -> p = 2/2^5 = 0.0625
     *                      (pooling the 8 discordant (seed, example) pairs would claim 2/2^8)
     * dev RTE (10 ex.)     vanilla {0..3} 60%, {0..2} 70%         ROSE {0..2} 70%, {0..2} 70%
     *                      D = 1 on example 3 -> p = 2 * 1/2 = 1
     * advglue SST-2 (10)   seed 1 only: vanilla {0..5} 40%, ROSE {0..3} 60%; discordant 2 vs 0 -> p = 0.5
     * textfooler dev SST-2 vanilla kkkkksssff / kkkkssssff, ROSE kssfffffff / sfffffffff;
     *                      robust (failed): D = 0 1 1 2 2 2 2 2 0 0, t = 12 = the maximum -> p = 2/2^7 = 0.015625
     * </pre>
     */
    static RunDirFixture standard(Path runDir) throws IOException {
        RunDirFixture f = new RunDirFixture(runDir).method("vanilla", "Vanilla", 0)
                .method("rose-ensemble", "ROSE-Ensemble", 1);
        int[] sst = alternating(20);
        int[] rte = alternating(10);
        int[] adv = alternating(10);
        f.eval("tiny", "sst2", "vanilla", 1, "dev", sst, range(0, 5));
        f.eval("tiny", "sst2", "vanilla", 2, "dev", sst, range(0, 4));
        f.eval("tiny", "sst2", "rose-ensemble", 1, "dev", sst, 0);
        f.eval("tiny", "sst2", "rose-ensemble", 2, "dev", sst);
        f.eval("tiny", "rte", "vanilla", 1, "dev", rte, range(0, 4));
        f.eval("tiny", "rte", "vanilla", 2, "dev", rte, range(0, 3));
        f.eval("tiny", "rte", "rose-ensemble", 1, "dev", rte, range(0, 3));
        f.eval("tiny", "rte", "rose-ensemble", 2, "dev", rte, range(0, 3));
        f.eval("tiny", "sst2", "vanilla", 1, "advglue", adv, range(0, 6));
        f.eval("tiny", "sst2", "rose-ensemble", 1, "advglue", adv, range(0, 4));
        f.attack("tiny", "sst2", "vanilla", 1, "textfooler", "dev", "kkkkksssff", 10, 30);
        f.attack("tiny", "sst2", "vanilla", 2, "textfooler", "dev", "kkkkssssff", 12, 40);
        f.attack("tiny", "sst2", "rose-ensemble", 1, "textfooler", "dev", "kssfffffff", 15, 50);
        f.attack("tiny", "sst2", "rose-ensemble", 2, "textfooler", "dev", "sfffffffff", 15, 70);
        f.train("tiny", "sst2", "vanilla", 1, null);
        f.train("tiny", "sst2", "rose-ensemble", 1, List.of(
                "{\"step\":1,\"epoch\":1,\"kept_fraction\":0.604,\"frozen_fraction\":0.396,\"mean_mask\":0.604,\"eligible\":48.0}",
                "{\"step\":2,\"epoch\":1,\"kept_fraction\":0.5,\"frozen_fraction\":0.5,\"mean_mask\":0.5,\"eligible\":48.0}"));
        f.train("tiny", "sst2", "rose-ensemble", 2, List.of(
                "{\"step\":1,\"epoch\":1,\"kept_fraction\":0.4,\"frozen_fraction\":0.6,\"mean_mask\":0.4,\"eligible\":48.0}"));
        f.unfinished("eval-ffffffffffffffff");
        return f;
    }
}
