package org.rosebench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Does a model tell the classes apart, or predict nearly one class for everything? Per model, one table over its
 * accuracy evaluations (GLUE dev, AdvGLUE dev): for each method the share of the examples that get its most-predicted
 * class, mean ± std over seeds, beside the accuracy of a constant classifier (the majority label's share). A model
 * near 100% is near-constant: its accuracy, and its accuracy under attack, then say more about the label balance
 * than about robustness. Read from the {@code predictions} and {@code labels} of each eval cell's result row.
 */
public final class PredictionBalance {

    /** A seed whose most-predicted class takes at least this share (%) is marked near-constant. */
    static final double NEAR_CONSTANT = 95;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One eval row's shares in percent: its most-predicted class's, and the majority label's. */
    record Shares(double topPrediction, double majorityLabel) {}

    private PredictionBalance() {}

    public static List<TextTable> build(ReportData data, Consumer<String> warn) {
        // model → (evaluation, task) → method → per-seed shares
        Map<String, Map<List<String>, Map<String, List<Shares>>>> read = new TreeMap<>();
        for (ResultRow r : data.rows()) {
            if (!ResultRow.EVAL.equals(r.kind()) || r.outcomes() == null) {
                continue;
            }
            Shares s;
            try {
                s = shares(JSON.readTree(r.file().toFile()));
            } catch (IOException | RuntimeException e) {
                warn.accept(r.file() + ": left out of the prediction-balance table (" + e.getMessage() + ")");
                continue;
            }
            read.computeIfAbsent(r.model(), k -> new HashMap<>())
                    .computeIfAbsent(List.of(r.evaluation(), r.task()), k -> new HashMap<>())
                    .computeIfAbsent(r.method(), k -> new ArrayList<>()).add(s);
        }
        List<TextTable> out = new ArrayList<>();
        for (String model : data.models()) {
            Map<List<String>, Map<String, List<Shares>>> byColumn = read.get(model);
            if (byColumn != null) {
                out.add(table(data, model, byColumn));
            }
        }
        return out;
    }

    /** The shares of one eval result row, from its {@code predictions} and {@code labels}. */
    static Shares shares(JsonNode root) {
        JsonNode p = root.path("predictions");
        JsonNode l = root.path("labels");
        if (!p.isArray() || !l.isArray() || p.size() != l.size() || p.isEmpty()) {
            throw new IllegalArgumentException("needs equally long, non-empty 'predictions' and 'labels' arrays");
        }
        Map<Integer, Integer> predicted = new HashMap<>();
        Map<Integer, Integer> labels = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            predicted.merge(p.get(i).asInt(), 1, Integer::sum);
            labels.merge(l.get(i).asInt(), 1, Integer::sum);
        }
        double n = p.size();
        return new Shares(100 * max(predicted) / n, 100 * max(labels) / n);
    }

    private static int max(Map<Integer, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static TextTable table(ReportData data, String model, Map<List<String>, Map<String, List<Shares>>> cols) {
        List<List<String>> columns = new ArrayList<>();
        for (String evaluation : data.evaluations(model)) {
            for (String task : data.tasks(model, evaluation)) {
                if (cols.containsKey(List.of(evaluation, task))) {
                    columns.add(List.of(evaluation, task));
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("Method"));
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        List<String> constant = new ArrayList<>(List.of("(constant classifier: majority label)"));
        for (List<String> c : columns) {
            header.add(Evaluations.title(c.get(0)) + " · " + data.taskLabel(model, c.get(1)));
            numeric.add(true);
            List<Double> majority = cols.get(c).values().stream().flatMap(List::stream)
                    .map(Shares::majorityLabel).distinct().sorted().toList();
            constant.add(majority.size() == 1 ? Stats.fixed(majority.get(0))
                    : Stats.fixed(majority.get(0)) + "–" + Stats.fixed(majority.get(majority.size() - 1)));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(constant);
        List<String> methods = new ArrayList<>();
        for (List<String> c : columns) {
            for (String m : data.methods(model, c.get(0))) {
                if (!methods.contains(m) && cols.get(c).containsKey(m)) {
                    methods.add(m);
                }
            }
        }
        for (String method : methods) {
            List<String> row = new ArrayList<>(List.of(data.methods().label(method)));
            for (List<String> c : columns) {
                List<Shares> seeds = cols.get(c).get(method);
                row.add(seeds == null ? "–" : cell(seeds));
            }
            rows.add(row);
        }
        List<String> notes = List.of(
                "Share (%) of the examples that get the method's most-predicted class, mean ± sample std over the "
                        + "seeds (n=k); the first row is the accuracy of a classifier that always predicts the "
                        + "majority label. " + String.format(Locale.ROOT, "(near-constant) = a seed gives one class "
                        + "to at least %.0f%% of the examples.", NEAR_CONSTANT),
                "A model near 100% predicts almost one class: its accuracy is near the constant classifier's, and "
                        + "its accuracy under attack says little about robustness.");
        return new TextTable(FileNames.table(model, "predicted-classes"),
                model + " · predicted classes (is a model near-constant?)", header, numeric, rows, notes);
    }

    private static String cell(List<Shares> seeds) {
        double[] top = seeds.stream().mapToDouble(Shares::topPrediction).toArray();
        boolean nearConstant = java.util.Arrays.stream(top).anyMatch(t -> t >= NEAR_CONSTANT);
        return Stats.of(top).format() + " (n=" + top.length + ")" + (nearConstant ? " (near-constant)" : "");
    }
}
