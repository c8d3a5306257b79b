package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rosebench.attacks.Recipes;
import org.rosebench.core.catalog.CatalogModel;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.DataException;
import org.rosebench.core.data.DataPath;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.SplitFile;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.Preset;
import org.rosebench.core.method.PresetRegistry;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.model.ModelConfig;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.landscape.LandscapeOptions;
import org.rosebench.harness.matrix.MatrixConfig.AttackEntry;
import org.rosebench.harness.matrix.MatrixConfig.LandscapeEntry;
import org.rosebench.harness.matrix.MatrixConfig.MethodEntry;
import org.rosebench.harness.matrix.MatrixConfig.ModelRef;

/**
 * Reads and validates a matrix config (YAML). Every problem is reported before any work starts, naming the file,
 * line and setting. Format:
 *
 * <pre>
 * name: demo                      # required; shown in tables
 * description: ...
 * data_dir: /data/glue-mirror     # optional; searched first, then the standard roots (see DataPath)
 * out_dir: ../runs/demo           # relative paths resolve against this file's folder (default: runs/NAME there)
 * keep_best: false                # also keep each training's best-dev-epoch checkpoint best/ (default: only last/)
 * models: [minilm-l6]             # catalog names, or {name: roberta-base, path: /models/roberta-base}
 *                                 # (add allow_partial_load: true to train from weights whose names mostly differ)
 * tasks: [sst2]
 * train_subsets: []              # tasks allowed to train on a subset file (QNLI/QQP/MNLI bundled); else an error
 * seeds: [42]
 * train: {epochs: 2, lr: 5e-5, batch_size: 32, max_length: 128, train_sample: 2000}
 *                                 # also grad_accum_steps: K (each update's batch_size examples as K micro-batches,
 *                                 # gradients accumulated: the same update, less memory; K <= batch_size)
 * per_task: {rte: {epochs: 5}}    # trainer settings for one task
 * methods:
 *   - {label: Vanilla, spec: vanilla}
 *   - {label: ROSE-First, spec: rose-first, params: {upper: 60}, train: {lr: 1e-4}}
 *   - {label: ROSE-Ensemble, preset: "rose-ensemble-base-{task}"}
 * evaluations: [dev, advglue]    # also landscape, or {landscape: {...}}: a loss-landscape analysis (docs/landscape.md)
 *                                 # with split (dev|train), examples (256), dims (1|2), grid (11, odd), radius (1.0),
 *                                 # directions (4), seed (1), bias_ln (zero|weights), epsilon (0.001, 0: none),
 *                                 # epsilon_steps (5), and seeds: [1] / methods: [Vanilla] to analyse only some models
 * attacks:
 *   - {recipe: textfooler, split: dev, num_examples: 20, offset: 0, query_budget: 0, seed: 765}
 *   - {recipe: textfooler, vectors: ../vectors/counter-fitted-vectors.txt}
 *                                 # a user's counter-fitted vectors (word then floats per line) instead of the
 *                                 # built-in space, for recipes with word-embedding backends; checked line by line
 * </pre>
 *
 * Trainer settings merge in the order train, per_task, preset, method (later wins).
 */
public final class MatrixConfigLoader {

    private static final Set<String> TOP = Set.of("name", "description", "data_dir", "out_dir", "keep_best", "models", "tasks",
            "train_subsets", "seeds", "train", "per_task", "methods", "evaluations", "attacks");
    private static final Set<String> METHOD_KEYS = Set.of("label", "spec", "params", "preset", "train");
    private static final Set<String> ATTACK_KEYS = Set.of("recipe", "split", "num_examples", "offset", "query_budget",
            "seed", "params", "methods", "vectors");
    private static final List<String> EVALUATIONS = List.of("dev", "advglue");
    private static final String LANDSCAPE = "landscape";
    private static final Set<String> LANDSCAPE_KEYS = Set.of("split", "examples", "dims", "grid", "radius",
            "directions", "seed", "bias_ln", "epsilon", "epsilon_steps", "seeds", "methods");

    private final YamlSource src;
    private final Path dataOverride;
    private final Path outOverride;
    private final boolean requireModels;
    private final List<String> missing = new ArrayList<>();

    private MatrixConfigLoader(YamlSource src, Path dataOverride, Path outOverride, boolean requireModels) {
        this.src = src;
        this.dataOverride = dataOverride;
        this.outOverride = outOverride;
        this.requireModels = requireModels;
    }

    /** Loads for running: every model directory and data file must exist. */
    public static MatrixConfig load(Path file, Path dataOverride, Path outOverride) {
        return new MatrixConfigLoader(YamlSource.read(file), dataOverride, outOverride, true).build();
    }

    /** Loads for planning: model directories and data files may be missing ({@link MatrixConfig#missing()}). */
    public static MatrixConfig loadForPlan(Path file, Path dataOverride, Path outOverride) {
        return new MatrixConfigLoader(YamlSource.read(file), dataOverride, outOverride, false).build();
    }

    static MatrixConfig parse(Path file, String text, Path dataOverride, boolean requireModels) {
        return new MatrixConfigLoader(YamlSource.parse(file, text), dataOverride, null, requireModels).build();
    }

    private MatrixConfig build() {
        JsonNode root = src.root;
        if (root == null || !root.isObject()) {
            throw fail("", "the config must be a mapping of settings (name, models, tasks, methods, ...)");
        }
        requireKnownKeys(root, "", TOP);
        String name = runName(text(root, "/name", true));
        String description = text(root, "/description", false);
        DataPath dataPath = dataPath(root);
        Path outDir = outOverride != null ? outOverride : path(root, "/out_dir", resolve("runs").resolve(name));

        List<ModelRef> models = models(root);
        List<Task> tasks = tasks(root);
        List<Long> seeds = seeds(root);
        TrainSettings train = train(root.path("train"), "/train");
        Map<Task, TrainSettings> perTask = perTask(root, tasks);
        List<MethodEntry> methods = methods(root, tasks, models);
        checkMaxLengths(models, tasks, train, perTask, methods);
        checkMergedSettings(models, tasks, train, perTask, methods);
        List<String> evaluations = evaluations(root);
        List<LandscapeEntry> landscapes = landscapes(root, seeds, methods);
        List<AttackEntry> attacks = attacks(root, methods);
        checkData(dataPath, tasks, trainSubsets(root, tasks), evaluations, attacks);
        return new MatrixConfig(src.file, name, description, Hashing.shortHash(Hashing.canonical(root)), dataPath,
                outDir, models, tasks, seeds, train, perTask, methods, evaluations, attacks, landscapes,
                List.copyOf(missing), bool(root, "", "keep_best"));
    }

    /** {@code --data} or {@code data_dir} first, then the standard roots ({@link DataPath#standard}). */
    private DataPath dataPath(JsonNode root) {
        if (dataOverride != null) {
            return standardPath(dataOverride, "--data", "");
        }
        Path configured = path(root, "/data_dir", null);
        return standardPath(configured, src.file + " data_dir", "/data_dir");
    }

    private DataPath standardPath(Path explicit, String origin, String pointer) {
        try {
            return DataPath.standard(explicit, origin);
        } catch (DataException e) {
            throw fail(pointer, e.getMessage());
        }
    }

    private List<ModelRef> models(JsonNode root) {
        JsonNode arr = array(root, "/models", true);
        List<ModelRef> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> catalog = new HashSet<>();
        ModelCatalog.models().forEach(m -> catalog.add(m.name()));
        for (int i = 0; i < arr.size(); i++) {
            String at = "/models/" + i;
            JsonNode n = arr.get(i);
            ModelRef ref;
            if (n.isTextual()) {
                ref = new ModelRef(n.asText(), null);
            } else if (n.isObject()) {
                requireKnownKeys(n, at, Set.of("name", "path", "allow_partial_load"));
                String dir = text(root, at + "/path", false);
                ref = new ModelRef(text(root, at + "/name", true), dir == null ? null : resolve(dir).toString(),
                        bool(n, at, "allow_partial_load"));
            } else {
                throw fail(at, "a model is a catalog name or {name, path}");
            }
            if (!names.add(ref.name())) {
                throw fail(at, "model '" + ref.name() + "' is listed twice");
            }
            if (ref.path() == null && !catalog.contains(ref.name()) && Files.isDirectory(resolve(ref.name()))) {
                ref = new ModelRef(ref.name(), resolve(ref.name()).toString()); // a bare directory name
            }
            if (ref.path() == null && !catalog.contains(ref.name())) {
                throw fail(at, "unknown model '" + ref.name() + "': not in the catalog " + catalog
                        + " and not a directory; give {name: " + ref.name() + ", path: /dir/with/config.json}");
            }
            if (ref.path() != null && !Files.isRegularFile(Path.of(ref.path()).resolve("config.json"))) {
                String what = "model " + ref.name() + ": directory " + ref.path() + " has no config.json";
                if (requireModels) {
                    throw fail(at, what + " (run with --plan to list everything that is missing)");
                }
                missing.add(what + " (" + src.file + ":" + src.line(at) + ")");
            }
            out.add(ref);
        }
        return out;
    }

    private List<Task> tasks(JsonNode root) {
        JsonNode arr = array(root, "/tasks", true);
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String at = "/tasks/" + i;
            try {
                Task t = Task.byName(arr.get(i).asText());
                if (out.contains(t)) {
                    throw fail(at, "task " + t.cliName() + " is listed twice");
                }
                out.add(t);
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw fail(at, e.getMessage());
            }
        }
        return out;
    }

    private List<Long> seeds(JsonNode root) {
        JsonNode arr = array(root, "/seeds", true);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode n = arr.get(i);
            // the engine's RNG takes an int: wider seeds would share a dropout stream with another seed
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw fail("/seeds/" + i, "a seed is an integer that fits in 32 bits, got '" + n.asText() + "'");
            }
            if (out.contains(n.asLong())) {
                throw fail("/seeds/" + i, "seed " + n.asLong() + " is listed twice");
            }
            out.add(n.asLong());
        }
        return out;
    }

    private TrainSettings train(JsonNode node, String at) {
        if (node.isMissingNode() || node.isNull()) {
            return TrainSettings.empty();
        }
        if (!node.isObject()) {
            throw fail(at, "trainer settings are a mapping of " + TrainSettings.KEYS);
        }
        requireKnownKeys(node, at, Set.copyOf(TrainSettings.KEYS));
        Map<String, Number> values = new LinkedHashMap<>();
        DropoutMasks masks = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = at + "/" + e.getKey();
            JsonNode v = e.getValue();
            if (e.getKey().equals(TrainSettings.DROPOUT_MASKS)) {
                try {
                    masks = DropoutMasks.parse(v.isTextual() ? v.asText() : v.toString());
                } catch (IllegalArgumentException bad) {
                    throw fail(where, bad.getMessage());
                }
                continue;
            }
            boolean integer = TrainSettings.INTEGER_KEYS.contains(e.getKey());
            if (!v.isNumber() || (integer && !v.isIntegralNumber())) {
                throw fail(where, "must be " + (integer ? "an integer" : "a number") + ", got '" + v.asText() + "'");
            }
            // every integer setting is a size or a count: zero would fail later, in the middle of a run
            if (integer && (!v.canConvertToInt() || v.asInt() < 1)) {
                throw fail(where, "must be an integer in 1.." + Integer.MAX_VALUE + ", got " + v.asText());
            }
            if (v.asDouble() < 0) {
                throw fail(where, "must not be negative, got " + v.asText());
            }
            values.put(e.getKey(), integer ? (Number) v.asInt() : v.asDouble());
        }
        if (values.containsKey("train_sample") && values.containsKey("train_limit")) {
            throw fail(at, "train_sample and train_limit are exclusive");
        }
        TrainSettings s = new TrainSettings(values, masks);
        // each value on its own here: combinations across layers (grad_accum_steps <= batch_size) once merged
        Map<String, Number> alone = new LinkedHashMap<>(values);
        alone.putIfAbsent("batch_size", Integer.MAX_VALUE);
        try {
            new TrainSettings(alone).toConfig(0);
        } catch (IllegalArgumentException e) {
            throw fail(at, e.getMessage());
        }
        return s;
    }

    private Map<Task, TrainSettings> perTask(JsonNode root, List<Task> tasks) {
        JsonNode node = root.path("per_task");
        Map<Task, TrainSettings> out = new EnumMap<>(Task.class);
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw fail("/per_task", "per_task maps a task name to trainer settings");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            Task t;
            try {
                t = Task.byName(key);
            } catch (IllegalArgumentException e) {
                throw fail("/per_task/" + key, e.getMessage());
            }
            if (!tasks.contains(t)) {
                throw fail("/per_task/" + key, "task " + key + " is not in tasks " + tasks.stream().map(Task::cliName).toList());
            }
            out.put(t, train(node.get(key), "/per_task/" + key));
        }
        return out;
    }

    private List<MethodEntry> methods(JsonNode root, List<Task> tasks, List<ModelRef> models) {
        JsonNode arr = array(root, "/methods", true);
        MethodRegistry registry = MethodRegistry.load();
        List<MethodEntry> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            String at = "/methods/" + i;
            JsonNode n = arr.get(i);
            String spec;
            String label;
            String preset = null;
            Map<String, String> params = Map.of();
            TrainSettings train = TrainSettings.empty();
            if (n.isTextual()) {
                spec = n.asText();
                label = spec;
            } else if (n.isObject()) {
                requireKnownKeys(n, at, METHOD_KEYS);
                spec = text(root, at + "/spec", false);
                preset = text(root, at + "/preset", false);
                if (spec == null && preset == null) {
                    throw fail(at, "a method needs a spec (e.g. rose-ensemble) or a preset");
                }
                params = stringMap(n.path("params"), at + "/params");
                train = train(n.path("train"), at + "/train");
                label = text(root, at + "/label", false);
            } else {
                throw fail(at, "a method is a spec string or {label, spec, params, preset, train}");
            }
            // validate the spec (and preset) for every task and model it will run with
            for (Task t : tasks) {
                for (ModelRef m : models) {
                    String s = spec;
                    Map<String, String> p = new LinkedHashMap<>(params);
                    if (preset != null) {
                        Preset pr = preset(preset, t, m, at + "/preset");
                        if (s == null) {
                            s = pr.method();
                        }
                        Map<String, String> merged = new LinkedHashMap<>(pr.params());
                        merged.putAll(p);
                        p = merged;
                    }
                    try {
                        registry.setup(s, p);
                    } catch (IllegalArgumentException e) {
                        throw fail(at, e.getMessage());
                    }
                    if (spec == null) {
                        spec = s;
                    }
                }
            }
            if (label == null) {
                label = spec;
            }
            if (!labels.add(label)) {
                throw fail(at, "method label '" + label + "' is used twice (labels name table rows)");
            }
            out.add(new MethodEntry(i, label, spec, params, preset, train));
        }
        return out;
    }

    /** The preset a pattern names for one task and model ({@code {task}}, {@code {model}} substituted). */
    Preset preset(String pattern, Task task, ModelRef model, String at) {
        String name = MatrixPlan.presetName(pattern, task, model);
        try {
            return PresetRegistry.load().get(name);
        } catch (IllegalArgumentException e) {
            throw fail(at, e.getMessage());
        }
    }

    private List<String> evaluations(JsonNode root) {
        JsonNode arr = root.path("evaluations");
        if (arr.isMissingNode()) {
            return EVALUATIONS;
        }
        arr = array(root, "/evaluations", false);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (isLandscape(arr.get(i))) {
                continue; // see landscapes()
            }
            String v = arr.get(i).asText().toLowerCase(Locale.ROOT);
            if (!EVALUATIONS.contains(v)) {
                throw fail("/evaluations/" + i, "unknown evaluation '" + (arr.get(i).isValueNode() ? arr.get(i).asText()
                        : arr.get(i).toString()) + "' (use " + EVALUATIONS + ", " + LANDSCAPE + " or {" + LANDSCAPE
                        + ": {...}})");
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean isLandscape(JsonNode n) {
        return (n.isTextual() && n.asText().toLowerCase(Locale.ROOT).equals(LANDSCAPE))
                || (n.isObject() && n.has(LANDSCAPE));
    }

    /** The {@code landscape} entries of {@code evaluations}: a bare name for the defaults, or a mapping of settings. */
    private List<LandscapeEntry> landscapes(JsonNode root, List<Long> seeds, List<MethodEntry> methods) {
        JsonNode arr = root.path("evaluations");
        List<LandscapeEntry> out = new ArrayList<>();
        if (!arr.isArray()) {
            return out;
        }
        List<String> labels = methods.stream().map(MethodEntry::label).toList();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode n = arr.get(i);
            if (!isLandscape(n)) {
                continue;
            }
            String entryAt = "/evaluations/" + i;
            LandscapeEntry e;
            if (n.isTextual()) {
                e = LandscapeEntry.defaults();
            } else {
                requireKnownKeys(n, entryAt, Set.of(LANDSCAPE));
                e = landscape(root, n.get(LANDSCAPE), entryAt + "/" + LANDSCAPE, seeds, labels);
            }
            for (LandscapeEntry other : out) {
                if (other.evaluation().equals(e.evaluation())) {
                    throw fail(entryAt, "landscape " + e.evaluation() + " is listed twice");
                }
            }
            out.add(e);
        }
        return out;
    }

    private LandscapeEntry landscape(JsonNode root, JsonNode n, String at, List<Long> seeds, List<String> labels) {
        if (n.isNull() || n.isMissingNode()) {
            return LandscapeEntry.defaults();
        }
        if (!n.isObject()) {
            throw fail(at, "landscape settings are a mapping of " + new java.util.TreeSet<>(LANDSCAPE_KEYS));
        }
        requireKnownKeys(n, at, LANDSCAPE_KEYS);
        LandscapeOptions d = LandscapeOptions.defaults();
        String split = text(root, at + "/split", false);
        split = split == null ? LandscapeEntry.SPLIT : split;
        if (!org.rosebench.harness.landscape.LandscapeJob.SPLITS.contains(split)) {
            throw fail(at + "/split", "landscapes are computed on " + org.rosebench.harness.landscape.LandscapeJob.SPLITS
                    + ", got '" + split + "'");
        }
        int examples = integer(n, at, "examples", LandscapeEntry.EXAMPLES, 1);
        int dims = integer(n, at, "dims", d.dims(), 1);
        int grid = integer(n, at, "grid", d.grid(), 1);
        double radius = decimal(n, at, "radius", d.radius());
        int directions = integer(n, at, "directions", d.directions(), 0);
        long seed = n.has("seed") ? integer(n, at, "seed", 0, Integer.MIN_VALUE) : d.seed();
        LandscapeOptions.BiasLn biasLn = d.biasLn();
        String b = text(root, at + "/bias_ln", false);
        if (b != null) {
            try {
                biasLn = LandscapeOptions.BiasLn.of(b);
            } catch (IllegalArgumentException e) {
                throw fail(at + "/bias_ln", e.getMessage());
            }
        }
        double epsilon = decimal(n, at, "epsilon", d.epsilon());
        int steps = integer(n, at, "epsilon_steps", d.epsilonSteps(), 1);
        if (dims != 1 && dims != 2) {
            throw fail(at + "/dims", "must be 1 or 2, got " + dims);
        }
        if (grid < 3 || grid % 2 == 0 || grid > LandscapeOptions.MAX_GRID) {
            throw fail(at + "/grid", "must be odd, in 3.." + LandscapeOptions.MAX_GRID + " (the centre is a grid point), got "
                    + grid);
        }
        if (!(radius > 0)) {
            throw fail(at + "/radius", "must be > 0, got " + radius);
        }
        if (!(epsilon >= 0)) {
            throw fail(at + "/epsilon", "must be >= 0 (0: no ε-sharpness), got " + epsilon);
        }
        LandscapeOptions options;
        try {
            options = new LandscapeOptions(dims, grid, radius, directions, seed, biasLn, epsilon, steps);
        } catch (IllegalArgumentException e) {
            throw fail(at, e.getMessage());
        }
        List<Long> only = new ArrayList<>();
        if (n.has("seeds")) {
            JsonNode s = array(root, at + "/seeds", true);
            for (int k = 0; k < s.size(); k++) {
                JsonNode v = s.get(k);
                if (!v.isIntegralNumber() || !seeds.contains(v.asLong())) {
                    throw fail(at + "/seeds/" + k, "'" + v.asText() + "' is not one of the config's seeds " + seeds);
                }
                if (!only.contains(v.asLong())) {
                    only.add(v.asLong());
                }
            }
        }
        List<String> methods = new ArrayList<>();
        if (n.has("methods")) {
            JsonNode m = array(root, at + "/methods", true);
            for (int k = 0; k < m.size(); k++) {
                if (!labels.contains(m.get(k).asText())) {
                    throw fail(at + "/methods/" + k, "no method labelled '" + m.get(k).asText() + "' (labels: " + labels + ")");
                }
                methods.add(m.get(k).asText());
            }
        }
        return new LandscapeEntry(split, examples, options, only, methods);
    }

    private List<AttackEntry> attacks(JsonNode root, List<MethodEntry> methods) {
        JsonNode arr = root.path("attacks");
        if (arr.isMissingNode() || arr.isNull()) {
            return List.of();
        }
        arr = array(root, "/attacks", false);
        List<AttackEntry> out = new ArrayList<>();
        List<String> labels = methods.stream().map(MethodEntry::label).toList();
        for (int i = 0; i < arr.size(); i++) {
            String at = "/attacks/" + i;
            JsonNode n = arr.get(i);
            if (!n.isObject()) {
                throw fail(at, "an attack is {recipe, split, num_examples, offset, query_budget, seed, params, methods}");
            }
            requireKnownKeys(n, at, ATTACK_KEYS);
            String recipe = text(root, at + "/recipe", true);
            if (!Recipes.names().contains(recipe)) {
                throw fail(at + "/recipe", "unknown recipe '" + recipe + "' (known: " + Recipes.names() + ")");
            }
            String split = text(root, at + "/split", false);
            split = split == null ? "dev" : split;
            if (!EVALUATIONS.contains(split)) {
                throw fail(at + "/split", "attacks run on dev or advglue, got '" + split + "'");
            }
            int num = integer(n, at, "num_examples", 10, 1);
            int offset = integer(n, at, "offset", 0, 0);
            int budget = integer(n, at, "query_budget", 0, 0);
            long seed = n.has("seed") ? integer(n, at, "seed", 0, Integer.MIN_VALUE) : 765;
            Map<String, String> params = stringMap(n.path("params"), at + "/params");
            List<String> only = new ArrayList<>();
            if (n.has("methods")) {
                JsonNode m = array(root, at + "/methods", false);
                for (int k = 0; k < m.size(); k++) {
                    if (!labels.contains(m.get(k).asText())) {
                        throw fail(at + "/methods/" + k, "no method labelled '" + m.get(k).asText() + "' (labels: " + labels + ")");
                    }
                    only.add(m.get(k).asText());
                }
            }
            Path vectors = null;
            String vectorsSha = null;
            if (n.has("vectors") && !n.get("vectors").isNull()) {
                java.util.Set<Class<?>> backends = Recipes.get(recipe).backends();
                if (!backends.contains(org.rosebench.attacks.spi.NeighbourIndex.class)
                        && !backends.contains(org.rosebench.attacks.spi.WordEmbeddingSpace.class)) {
                    throw fail(at + "/vectors", "recipe " + recipe + " uses no word vectors (only recipes with a"
                            + " word-embedding neighbour index or word cosines do: textfooler, greedy-word-swap)");
                }
                vectors = resolve(text(root, at + "/vectors", true));
                vectorsSha = vectorFile(vectors, at + "/vectors");
            }
            out.add(new AttackEntry(recipe, split, num, offset, budget, seed, params, only, vectors, vectorsSha));
        }
        return out;
    }

    /**
     * Every cell's max_length must fit its model's position table; a longer one fails on the first long example,
     * in the middle of a run (on CUDA it can poison the device for every later cell). Models whose config.json
     * cannot be read yet (a plan before the download) are checked when they are loaded.
     */
    private void checkMaxLengths(List<ModelRef> models, List<Task> tasks, TrainSettings train,
            Map<Task, TrainSettings> perTask, List<MethodEntry> methods) {
        for (int i = 0; i < models.size(); i++) {
            ModelRef model = models.get(i);
            ModelConfig mc = modelConfig(model);
            if (mc == null) {
                continue;
            }
            for (Task task : tasks) {
                for (MethodEntry method : methods) {
                    String at = "/methods/" + method.order();
                    Number n = method.train().values().get("max_length");
                    String where = at + "/train/max_length";
                    if (n == null && method.preset() != null) {
                        n = TrainSettings.fromPreset(preset(method.preset(), task, model, at + "/preset").train())
                                .values().get("max_length");
                        where = at + "/preset";
                    }
                    TrainSettings taskSettings = perTask.get(task);
                    if (n == null && taskSettings != null) {
                        n = taskSettings.values().get("max_length");
                        where = "/per_task/" + task.cliName() + "/max_length";
                    }
                    if (n == null) {
                        n = train.values().get("max_length");
                        where = "/train/max_length";
                    }
                    if (n == null) {
                        n = TrainConfig.builder().build().maxLength();
                        where = "/models/" + i;
                    }
                    String problem = mc.maxLengthProblem(n.intValue());
                    if (problem != null) {
                        throw fail(where, "model " + model.name() + ": " + problem);
                    }
                }
            }
        }
    }

    /**
     * Settings valid layer by layer can still clash once merged (a method's grad_accum_steps above a task's
     * batch_size): every cell's merged settings, in the plan's order (train, per_task, preset, method).
     */
    private void checkMergedSettings(List<ModelRef> models, List<Task> tasks, TrainSettings train,
            Map<Task, TrainSettings> perTask, List<MethodEntry> methods) {
        for (ModelRef model : models) {
            for (Task task : tasks) {
                for (MethodEntry method : methods) {
                    String at = "/methods/" + method.order();
                    TrainSettings s = train.overriddenBy(perTask.getOrDefault(task, TrainSettings.empty()));
                    if (method.preset() != null) {
                        s = s.overriddenBy(TrainSettings.fromPreset(
                                preset(method.preset(), task, model, at + "/preset").train()));
                    }
                    s = s.overriddenBy(method.train());
                    try {
                        s.toConfig(0);
                    } catch (IllegalArgumentException e) {
                        throw fail(at, "model " + model.name() + ", task " + task.cliName() + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /** A model's config: the catalog's, or a readable config.json; null when not there yet. */
    private static ModelConfig modelConfig(ModelRef model) {
        if (model.path() == null) {
            return ModelCatalog.models().stream().filter(m -> m.name().equals(model.name())).findFirst()
                    .map(CatalogModel::config)
                    .orElseGet(() -> readConfig(Path.of(model.name()).resolve("config.json")));
        }
        return readConfig(Path.of(model.path()).resolve("config.json"));
    }

    private static ModelConfig readConfig(Path file) {
        return Files.isRegularFile(file) ? ModelConfig.read(file) : null;
    }

    /** {@code train_subsets}: the tasks that may knowingly train on a subset of the official training file. */
    private Set<Task> trainSubsets(JsonNode root, List<Task> tasks) {
        Set<Task> out = java.util.EnumSet.noneOf(Task.class);
        JsonNode arr = root.at("/train_subsets");
        if (arr.isMissingNode() || arr.isNull()) {
            return out;
        }
        if (!arr.isArray()) {
            throw fail("/train_subsets", "must be a list of tasks");
        }
        for (int i = 0; i < arr.size(); i++) {
            String at = "/train_subsets/" + i;
            Task t;
            try {
                t = Task.byName(arr.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw fail(at, e.getMessage());
            }
            if (!tasks.contains(t)) {
                throw fail(at, "task " + t.cliName() + " is not in tasks");
            }
            out.add(t);
        }
        return out;
    }

    private void checkData(DataPath dataPath, List<Task> tasks, Set<Task> trainSubsets, List<String> evaluations,
            List<AttackEntry> attacks) {
        GlueData glue = new GlueData(dataPath);
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            SplitFile train;
            try {
                train = glue.resolve(t, org.rosebench.core.data.Split.TRAIN);
            } catch (RuntimeException e) {
                continue; // reported below with the other missing files
            }
            // a subset-trained number must never pass for a full-data one: a run refuses, a plan lists it as missing
            if (train.variant() == SplitFile.Variant.SUBSET && !trainSubsets.contains(t)) {
                String why = t.cliName() + " has only a subset of its training set (" + train.path()
                        + "); fetch the full set with 'rose-bench data fetch " + t.cliName() + "', or list "
                        + t.cliName() + " under train_subsets to train on the subset knowingly";
                if (requireModels) {
                    throw fail("/tasks/" + i, why);
                }
                missing.add("data: " + why);
            }
        }
        boolean adv = evaluations.contains("advglue") || attacks.stream().anyMatch(a -> a.split().equals("advglue"));
        try {
            for (Task t : tasks) {
                glue.resolve(t, org.rosebench.core.data.Split.TRAIN);
                glue.resolve(t, t.devSplits().get(0));
            }
            if (adv) {
                glue.advGlueFile();
            }
        } catch (RuntimeException e) {
            if (requireModels) {
                throw fail("/data_dir", "missing data file (searched " + dataPath.describe() + "): " + e.getMessage());
            }
            missing.add("data: " + e.getMessage());
        }
    }

    /** Checked vector files of this JVM by path, size and modification time: a config loads more than once. */
    private static final Map<String, org.rosebench.attacks.lexicon.WordVectors.TextFileInfo> CHECKED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Checks a user's vector file line by line (errors name the config line and the vector file's line) and returns
     * the SHA-256 of its bytes; a missing file is an error for a run and listed as missing for a plan.
     */
    private String vectorFile(Path file, String pointer) {
        if (!Files.isRegularFile(file)) {
            if (!requireModels) {
                missing.add("vectors: " + file);
                return null;
            }
            throw fail(pointer, "no such vector file: " + file);
        }
        try {
            String memo = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|"
                    + Files.getLastModifiedTime(file).toMillis();
            org.rosebench.attacks.lexicon.WordVectors.TextFileInfo info = CHECKED.get(memo);
            if (info == null) {
                info = org.rosebench.attacks.lexicon.WordVectors.checkText(file);
                CHECKED.put(memo, info);
            }
            return info.sha256();
        } catch (java.io.IOException e) {
            throw fail(pointer, "bad vector file: " + e.getMessage());
        }
    }

    // ---- small typed readers that report the line of the offending value

    private ConfigException fail(String pointer, String reason) {
        String where = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
        return new ConfigException(src.file, src.line(pointer), where, reason);
    }

    private void requireKnownKeys(JsonNode obj, String at, Set<String> known) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                throw fail(at + "/" + k, "unknown setting '" + k + "' (known: " + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private String text(JsonNode root, String pointer, boolean required) {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw fail(pointer.substring(0, pointer.lastIndexOf('/')), "missing required setting '"
                        + pointer.substring(pointer.lastIndexOf('/') + 1) + "'");
            }
            return null;
        }
        if (!n.isValueNode() || n.asText().isBlank()) {
            throw fail(pointer, "must be a non-empty string");
        }
        return n.asText();
    }

    /**
     * The name becomes a folder ({@code runs/<name>}) and part of file names, so it must be one plain path
     * component: a name such as {@code ../x} or {@code /abs} would put results outside the run folder.
     */
    private String runName(String name) {
        if (name.equals(".") || name.equals("..") || !name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            throw fail("/name", "'" + name + "' is not a plain folder name (letters, digits, '.', '_', '+', '-'; "
                    + "no path separators); it names the run folder runs/<name>");
        }
        return name;
    }

    private boolean bool(JsonNode obj, String at, String key) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw fail(at + "/" + key, "must be true or false, got '" + v.asText() + "'");
        }
        return v.asBoolean();
    }

    private Path path(JsonNode root, String pointer, Path fallback) {
        String s = text(root, pointer, false);
        return s == null ? fallback : resolve(s);
    }

    /**
     * A path written in the config: absolute as is, relative against the config file's folder, so a config
     * means the same files whatever the working directory.
     */
    private Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = src.file.toAbsolutePath().getParent();
        return (dir == null ? p : dir.resolve(p)).normalize();
    }

    private JsonNode array(JsonNode root, String pointer, boolean nonEmpty) {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw fail(pointer.substring(0, pointer.lastIndexOf('/')), "missing required list '"
                    + pointer.substring(pointer.lastIndexOf('/') + 1) + "'");
        }
        if (!n.isArray()) {
            throw fail(pointer, "must be a list");
        }
        if (nonEmpty && n.isEmpty()) {
            throw fail(pointer, "must not be empty");
        }
        return n;
    }

    private int integer(JsonNode obj, String at, String key, int fallback, int min) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
            throw fail(at + "/" + key, "must be an integer in " + min + ".." + Integer.MAX_VALUE + ", got '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private double decimal(JsonNode obj, String at, String key, double fallback) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw fail(at + "/" + key, "must be a number, got '" + v.asText() + "'");
        }
        return v.asDouble();
    }

    private Map<String, String> stringMap(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw fail(at, "must be a mapping of parameter names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw fail(at + "/" + e.getKey(), "a parameter value must be a scalar");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
