package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.attacks.Recipes;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.Preset;
import org.rosebench.core.method.PresetRegistry;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.harness.matrix.Cell.Kind;
import org.rosebench.harness.matrix.Cell.TrainSpec;
import org.rosebench.harness.matrix.MatrixConfig.AttackEntry;
import org.rosebench.harness.matrix.MatrixConfig.MethodEntry;
import org.rosebench.harness.matrix.MatrixConfig.ModelRef;

/**
 * Expands a config into cells, in execution order: each train cell followed by its evaluations and attacks, so
 * partial runs already produce complete rows. Cell keys contain everything that determines a result — resolved
 * method parameters (defaults included), the full trainer config, the data selection, the seed and a SHA-256 of
 * every data file read — and nothing that does not (labels, paths, output locations), so re-runs skip finished
 * work and shards on different machines agree on ids.
 */
public final class MatrixPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatrixConfig config;
    private final List<Cell> cells = new ArrayList<>();
    /** Index of the train group (a train cell and its dependents) of each cell, for sharding. */
    private final List<Integer> group = new ArrayList<>();

    private MatrixPlan(MatrixConfig config) {
        this.config = config;
    }

    public static MatrixPlan of(MatrixConfig config) {
        MatrixPlan plan = new MatrixPlan(config);
        plan.expand();
        return plan;
    }

    public MatrixConfig config() {
        return config;
    }

    public List<Cell> cells() {
        return List.copyOf(cells);
    }

    /**
     * Shard {@code index} (1-based) of {@code count}: train groups dealt round-robin in plan order, so a train cell
     * and the evaluations/attacks that need its checkpoint always land on the same machine.
     */
    public List<Cell> shard(int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--cells " + index + "/" + count + ": need 1 ≤ I ≤ N");
        }
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (group.get(i) % count == index - 1) {
                out.add(cells.get(i));
            }
        }
        return out;
    }

    static String presetName(String pattern, Task task, ModelRef model) {
        return pattern.replace("{task}", task.cliName()).replace("{model}", model.name());
    }

    private void expand() {
        GlueData glue = new GlueData(config.dataPath());
        int g = 0;
        for (ModelRef model : config.models()) {
            for (Task task : config.tasks()) {
                String trainSha = sha(() -> glue.resolve(task, Split.TRAIN).path());
                String devSha = sha(() -> glue.resolve(task, task.devSplits().get(0)).path());
                for (long seed : config.seeds()) {
                    for (MethodEntry method : config.methods()) {
                        TrainSpec spec = resolve(model, task, method, seed, trainSha, devSha);
                        add(trainCell(spec), g);
                        for (String split : config.evaluations()) {
                            add(evalCell(spec, split, dataSha(glue, task, split)), g);
                        }
                        for (AttackEntry a : config.attacks()) {
                            if (a.methods().isEmpty() || a.methods().contains(method.label())) {
                                add(attackCell(spec, a, dataSha(glue, task, a.split())), g);
                            }
                        }
                        g++;
                    }
                }
            }
        }
    }

    private void add(Cell c, int g) {
        if (ids.containsKey(c.id())) {
            throw new IllegalArgumentException(config.source() + ": " + c.describe() + " and " + ids.get(c.id())
                    + " are the same run (identical method, parameters and settings); give one of them different settings or drop it");
        }
        ids.put(c.id(), c.describe());
        cells.add(c);
        group.add(g);
    }

    private String dataSha(GlueData glue, Task task, String split) {
        return sha(() -> split.equals("advglue") ? glue.advGlueFile() : glue.resolve(task, task.devSplits().get(0)).path());
    }

    /** A data file's SHA-256; {@code missing} only when planning a config whose data is not here. */
    private String sha(java.util.function.Supplier<Path> file) {
        try {
            return Hashing.fileSha256(file.get());
        } catch (RuntimeException e) {
            if (config.missing().isEmpty()) {
                throw e;
            }
            return "missing";
        }
    }

    private TrainSpec resolve(ModelRef model, Task task, MethodEntry method, long seed, String trainSha, String devSha) {
        TrainSettings settings = config.train().overriddenBy(config.perTask().getOrDefault(task, TrainSettings.empty()));
        String spec = method.spec();
        Map<String, String> params = new LinkedHashMap<>();
        String presetName = null;
        if (method.preset() != null) {
            presetName = presetName(method.preset(), task, model);
            Preset p = PresetRegistry.load().get(presetName);
            spec = spec == null ? p.method() : spec;
            params.putAll(p.params());
            settings = settings.overriddenBy(TrainSettings.fromPreset(p.train()));
        }
        params.putAll(method.params());
        settings = settings.overriddenBy(method.train());
        MethodSetup setup = MethodRegistry.load().setup(spec, params);
        TrainConfig tc = settings.toConfig(seed);

        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "train");
        key.put("model", model.name());
        key.put("task", task.cliName());
        key.put("method", setup.name());
        key.set("method_params", JSON.valueToTree(new java.util.TreeMap<>(setup.parameters())));
        key.set("train_config", JSON.valueToTree(tc));
        ObjectNode sel = key.putObject("train_selection");
        if (settings.trainSample() != null) {
            sel.put("sample", settings.trainSample());
        } else if (settings.trainLimit() != null) {
            sel.put("limit", settings.trainLimit());
        }
        key.put("seed", seed);
        key.putObject("data").put("train", trainSha).put("dev", devSha);
        String id = "train-" + Hashing.shortHash(Hashing.canonical(key));
        trainKeys.put(id, key);
        return new TrainSpec(id, model, task, method, setup.name(), setup.parameters(), tc, settings.trainSample(),
                settings.trainLimit(), seed, presetName);
    }

    private final Map<String, ObjectNode> trainKeys = new LinkedHashMap<>();
    private final Map<String, String> ids = new LinkedHashMap<>();

    private Cell trainCell(TrainSpec spec) {
        return new Cell(Kind.TRAIN, spec.id(), trainKeys.get(spec.id()), spec, null, null);
    }

    private Cell evalCell(TrainSpec spec, String split, String dataSha) {
        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "eval");
        key.put("train", spec.id());
        key.put("split", split);
        key.put("data", dataSha);
        return new Cell(Kind.EVAL, "eval-" + Hashing.shortHash(Hashing.canonical(key)), key, spec, split, null);
    }

    private Cell attackCell(TrainSpec spec, AttackEntry a, String dataSha) {
        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "attack");
        key.put("train", spec.id());
        key.put("recipe", a.recipe());
        // the recipe's self-description lists its constants: a changed default re-runs the attack
        key.put("recipe_description", Hashing.shortHash(Recipes.get(a.recipe()).describe()));
        key.put("split", a.split());
        key.put("offset", a.offset());
        key.put("num_examples", a.numExamples());
        key.put("query_budget", a.queryBudget());
        key.put("seed", a.seed());
        key.set("params", JSON.valueToTree(new java.util.TreeMap<>(a.params())));
        key.put("data", dataSha);
        return new Cell(Kind.ATTACK, "attack-" + Hashing.shortHash(Hashing.canonical(key)), key, spec, a.split(), a);
    }

    /** Where each cell lives under a run directory. */
    public static Path cellDir(Path runDir, Cell cell) {
        return runDir.resolve("cells").resolve(cell.id());
    }
}
