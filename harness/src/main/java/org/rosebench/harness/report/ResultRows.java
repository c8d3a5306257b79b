package org.rosebench.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.rosebench.core.BadInputException;

/**
 * Loads every {@code RUN_DIR/cells/*}{@code /result.json}. Cells without one are unfinished and left out; a malformed
 * one is an error naming the file and the reason.
 */
public final class ResultRows {

    // TextAttack means over nothing are NaN; Jackson writes them as "NaN" or, unquoted, as a bare NaN token
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * Written by the matrix runner: {@code {"config_hash": ..., "cells": [ids of the whole plan], "display": {id:
     * {model, method_label, method_order[, train_cell][, expected_seeds]}}}}.
     */
    public static final String PLAN = "plan.json";
    /** The plan's display fields per cell, which take precedence over those of (older) rows. */
    public static final String DISPLAY = "display";
    /** A display field: the seeds a cell's table expects when the plan runs its kind on some seeds only. */
    public static final String EXPECTED_SEEDS = "expected_seeds";
    /** A display field of a cell that needs a model: the training's cell id (as in its result's field). */
    public static final String TRAIN_CELL = "train_cell";

    private ResultRows() {}

    /** All finished rows of the run's current plan in cell-directory order; fails on two rows measuring the same thing. */
    public static List<ResultRow> load(Path runDir) throws IOException {
        return load(runDir, null);
    }

    /**
     * The plan file of a run: {@code plan.json}, or with {@code planHash} an earlier plan kept under
     * {@code plans/HASH.json} when another config was adopted.
     */
    public static Path planFile(Path runDir, String planHash) {
        if (planHash == null) {
            return runDir.resolve(PLAN);
        }
        Path f = runDir.resolve("plans").resolve(planHash + ".json");
        if (!Files.isRegularFile(f)) {
            List<String> known = new ArrayList<>();
            try (Stream<Path> s = Files.list(runDir.resolve("plans"))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .forEach(n -> known.add(n.substring(0, n.length() - 5)));
            } catch (IOException e) {
                // no earlier plans
            }
            throw new BadInputException(f, "no such earlier plan (" + (known.isEmpty() ? "this run has none"
                    : "earlier plans: " + String.join(", ", known)) + ")");
        }
        return f;
    }

    /** Like {@link #load(Path)}, for the plan {@code planHash} (null: the current one). */
    public static List<ResultRow> load(Path runDir, String planHash) throws IOException {
        Path cells = runDir.resolve("cells");
        if (!Files.isDirectory(cells)) {
            throw new BadInputException(cells, "no such directory (is " + runDir + " a run directory?)");
        }
        List<Path> files;
        try (Stream<Path> dirs = Files.list(cells)) {
            files = dirs.map(d -> d.resolve("result.json")).filter(Files::isRegularFile).sorted().toList();
        }
        // the runner lists the cells of the config it last ran: cells of earlier config versions are left out
        Path plan = planFile(runDir, planHash);
        JsonNode display = MAPPER.createObjectNode();
        if (Files.isRegularFile(plan)) {
            java.util.Set<String> current = new java.util.HashSet<>();
            JsonNode manifest = planManifest(plan);
            manifest.path("cells").forEach(c -> current.add(c.asText()));
            display = manifest.path(DISPLAY);
            List<Path> kept = files.stream().filter(f -> current.contains(f.getParent().getFileName().toString())).toList();
            if (kept.size() < files.size()) {
                System.err.printf("[rose-bench] %d finished cells are not in %s and not shown%s%n",
                        files.size() - kept.size(), plan, Files.isDirectory(runDir.resolve("plans"))
                                ? " (earlier plans are kept under " + runDir.resolve("plans") + "; `table --plan HASH` "
                                        + "shows one)" : "");
            }
            files = kept;
        }
        List<ResultRow> parsed = new ArrayList<>();
        for (Path f : files) {
            parsed.add(parseWithDisplay(f, display.path(f.getParent().getFileName().toString())));
        }
        List<ResultRow> rows = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (ResultRow row : byLabelWhereSpecsRepeat(parsed)) {
            Path f = row.file();
            Path other = seen.putIfAbsent(row.key(), f);
            if (other != null) {
                // e.g. cells left from an earlier version of the config: the tables would silently mix them
                throw new BadInputException(f, "a second result for " + row.key() + " (the first is " + other
                        + "; remove the stale cell)");
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * A config may list one spec several times with different trainer settings (say ROSE-First at two learning
     * rates, each with its own label). Rows of such a spec are identified by their label instead, so each entry
     * gets its own table row; specs listed once keep the spec as their identity (regression keys stay stable).
     */
    static List<ResultRow> byLabelWhereSpecsRepeat(List<ResultRow> rows) {
        Map<String, Set<String>> labels = new HashMap<>();
        for (ResultRow r : rows) {
            labels.computeIfAbsent(r.method(), k -> new TreeSet<>()).add(r.methodLabel());
        }
        List<ResultRow> out = new ArrayList<>(rows.size());
        for (ResultRow r : rows) {
            out.add(labels.get(r.method()).size() < 2 ? r : new ResultRow(r.file(), r.kind(), r.cell(), r.trainCell(),
                    r.model(), r.task(), r.methodLabel(), r.methodLabel(), r.methodOrder(), r.seed(), r.evaluation(),
                    r.metrics(), r.outcomes(), r.selectionLog(), r.trainData(), r.expectedSeeds()));
        }
        return out;
    }

    /** Parses one result.json. */
    public static ResultRow parse(Path file) throws IOException {
        return parseWithDisplay(file, MAPPER.missingNode());
    }

    /** Parses one result.json, with the model name, method label and order of {@code display} when it has them. */
    static ResultRow parseWithDisplay(Path file, JsonNode display) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode o && display.isObject()) {
            o.setAll((com.fasterxml.jackson.databind.node.ObjectNode) display);
        }
        try {
            return parse(file, root);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file, e.getMessage(), e);
        }
    }

    private static ResultRow parse(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String kind = text(root, "kind");
        String cell = text(root, "cell");
        String method = text(root, "method");
        String label = root.hasNonNull("method_label") ? text(root, "method_label") : method;
        int order = root.hasNonNull("method_order") ? (int) integer(root, "method_order") : Integer.MAX_VALUE;
        String trainCell = root.hasNonNull("train_cell") ? text(root, "train_cell") : cell;
        String model = text(root, "model");
        String task = text(root, "task");
        long seed = integer(root, "seed");
        Path dir = file.toAbsolutePath().getParent();
        return switch (kind) {
            case ResultRow.TRAIN -> new ResultRow(file, kind, cell, trainCell, model, task, method, label, order, seed,
                    null, Map.of(), null, selectionLog(root, dir), trainData(root));
            case ResultRow.EVAL -> {
                double accuracy = number(root, "accuracy");
                if (!(accuracy >= 0 && accuracy <= 1)) {
                    throw new IllegalArgumentException("accuracy " + accuracy + " is not a fraction in [0, 1]");
                }
                ExampleOutcomes outcomes = root.hasNonNull("predictions") || root.hasNonNull("labels")
                        ? ExampleOutcomes.ofPredictions(ints(root, "predictions"), ints(root, "labels")) : null;
                yield new ResultRow(file, kind, cell, trainCell, model, task, method, label, order, seed,
                        text(root, "split"), Map.of(Metrics.ACCURACY, accuracy * 100), outcomes, null, trainData(root));
            }
            case ResultRow.ATTACK -> {
                ExampleOutcomes outcomes = root.hasNonNull("outcomes") || root.hasNonNull("example_indices")
                        ? ExampleOutcomes.ofAttack(ints(root, "example_indices"), strings(root, "outcomes")) : null;
                yield new ResultRow(file, kind, cell, trainCell, model, task, method, label, order, seed,
                        Evaluations.attack(text(root, "recipe"), text(root, "split")), summary(root), outcomes, null,
                        trainData(root));
            }
            case ResultRow.LANDSCAPE -> {
                String evaluation = text(root, "evaluation");
                if (!Evaluations.isLandscape(evaluation)) {
                    throw new IllegalArgumentException("evaluation '" + evaluation + "' of a landscape row does not start"
                            + " with 'landscape:'");
                }
                yield new ResultRow(file, kind, cell, trainCell, model, task, method, label, order, seed, evaluation,
                        landscapeMetrics(root), null, null, trainData(root), expectedSeeds(root));
            }
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "' (train, eval, attack or landscape)");
        };
    }

    /** A landscape row's {@code metrics}: name → number (losses in nats, ε-sharpness in percent). */
    private static Map<String, Double> landscapeMetrics(JsonNode root) {
        JsonNode m = root.get("metrics");
        if (m == null || !m.isObject()) {
            throw new IllegalArgumentException("missing object 'metrics'");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        m.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("metrics." + e.getKey() + " is not a number: " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().doubleValue());
        });
        return out;
    }

    /** The plan's {@link #EXPECTED_SEEDS} for this cell, or null. */
    private static List<Long> expectedSeeds(JsonNode root) {
        JsonNode s = root.get(EXPECTED_SEEDS);
        if (s == null || s.isNull()) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode v : s) {
            if (!v.isIntegralNumber()) {
                throw new IllegalArgumentException(EXPECTED_SEEDS + " holds a non-integer: " + v);
            }
            out.add(v.longValue());
        }
        return out;
    }

    private static String trainData(JsonNode root) {
        JsonNode kind = root.path("train_data").path("kind");
        return kind.isTextual() ? kind.asText() : null;
    }

    /** The cell's selection log; rows are merged from other machines, so one pointing outside its cell is refused. */
    private static Path selectionLog(JsonNode root, Path dir) {
        if (!root.hasNonNull("selection_log")) {
            return null;
        }
        String name = text(root, "selection_log");
        Path log = dir.resolve(name).normalize();
        if (!log.startsWith(dir.normalize()) || log.equals(dir.normalize())) {
            throw new IllegalArgumentException("selection_log '" + name + "' resolves outside its cell directory");
        }
        return log;
    }

    /** A run's plan.json, checked to have a {@code cells} list. */
    public static JsonNode planManifest(Path plan) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(plan.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(plan, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode cells = root == null ? null : root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new BadInputException(plan, "no \"cells\" list (written by 'run'; delete the file to show every cell)");
        }
        return root;
    }

    /** The documented summary metrics; NaN (a mean over nothing) may come as null or "NaN". */
    private static Map<String, Double> summary(JsonNode root) {
        JsonNode s = root.get("summary");
        if (s == null || !s.isObject()) {
            throw new IllegalArgumentException("missing object 'summary'");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : Metrics.ATTACK) {
            if (!s.has(name)) {
                continue;
            }
            JsonNode v = s.get(name);
            if (v.isNull() || (v.isTextual() && v.asText().equalsIgnoreCase("nan"))) {
                out.put(name, Double.NaN);
            } else if (v.isNumber()) {
                out.put(name, v.doubleValue());
            } else {
                throw new IllegalArgumentException("summary." + name + " is not a number: " + v);
            }
        }
        if (!out.containsKey(Metrics.ACCURACY_UNDER_ATTACK)) {
            throw new IllegalArgumentException("summary has no '" + Metrics.ACCURACY_UNDER_ATTACK + "'");
        }
        return out;
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is not a non-empty string: " + v);
        }
        return v.asText();
    }

    private static long integer(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isTextual() && v.asText().matches("-?\\d+")) {
            return Long.parseLong(v.asText());
        }
        throw new IllegalArgumentException("field '" + field + "' is not an integer: " + v);
    }

    private static double number(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not a number: " + v);
        }
        return v.doubleValue();
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' is not an array");
        }
        return v;
    }

    private static int[] ints(JsonNode root, String field) {
        JsonNode a = array(root, field);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException(field + "[" + i + "] is not an integer: " + a.get(i));
            }
            out[i] = a.get(i).intValue();
        }
        return out;
    }

    private static String[] strings(JsonNode root, String field) {
        JsonNode a = array(root, field);
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isTextual()) {
                throw new IllegalArgumentException(field + "[" + i + "] is not a string: " + a.get(i));
            }
            out[i] = a.get(i).asText();
        }
        return out;
    }
}
