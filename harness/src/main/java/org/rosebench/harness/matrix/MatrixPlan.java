package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rosebench.core.catalog.ModelCatalog;
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
import org.rosebench.harness.matrix.MatrixConfig.LandscapeEntry;
import org.rosebench.harness.matrix.MatrixConfig.MethodEntry;
import org.rosebench.harness.matrix.MatrixConfig.ModelRef;

/**
 * Expands a config into cells, in execution order: each train cell followed by its evaluations, attacks and
 * landscapes, so partial runs already produce complete rows. Cell keys ({@link CellKeys}) contain everything that can change a
 * result and nothing that cannot, so re-runs skip finished work and shards on different machines agree on ids.
 */
public final class MatrixPlan {

    private final MatrixConfig config;
    private final CellKeys keys;
    private final List<Cell> cells = new ArrayList<>();
    /** Index of the train group (a train cell and its dependents) of each cell, for sharding. */
    private final List<Integer> group = new ArrayList<>();
    private final Map<String, String> ids = new LinkedHashMap<>();

    private MatrixPlan(MatrixConfig config, CellKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    /** The plan for this process: the installed code's versions, this machine's device class and engine. */
    public static MatrixPlan of(MatrixConfig config) {
        return of(config, ComponentVersions.installed(), ExecutionEnvironment.current());
    }

    static MatrixPlan of(MatrixConfig config, ComponentVersions versions, ExecutionEnvironment environment) {
        MatrixPlan plan = new MatrixPlan(config, new CellKeys(versions, environment));
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
            String modelSha = orMissing(() -> ModelCatalog.contentSha256(model.location()));
            for (Task task : config.tasks()) {
                String trainSha = orMissing(() -> Hashing.fileSha256(glue.resolve(task, Split.TRAIN).path()));
                String devSha = orMissing(() -> Hashing.fileSha256(glue.resolve(task, task.devSplits().get(0)).path()));
                for (long seed : config.seeds()) {
                    for (MethodEntry method : config.methods()) {
                        TrainSpec spec = resolve(model, modelSha, task, method, seed, trainSha, devSha);
                        add(new Cell(Kind.TRAIN, spec.id(), spec.key(), spec, null, null), g);
                        for (String split : config.evaluations()) {
                            add(evalCell(spec, split, dataSha(glue, task, split)), g);
                        }
                        for (AttackEntry a : config.attacks()) {
                            if (a.methods().isEmpty() || a.methods().contains(method.label())) {
                                add(attackCell(spec, a, dataSha(glue, task, a.split())), g);
                            }
                        }
                        for (LandscapeEntry l : config.landscapes()) {
                            if (l.appliesTo(seed, method.label())) {
                                add(landscapeCell(spec, l, l.split().equals("train") ? trainSha
                                        : dataSha(glue, task, "dev")), g);
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
                    + " are the same run (identical model content, method, parameters and settings); give one of them"
                    + " different settings or drop it");
        }
        ids.put(c.id(), c.describe());
        cells.add(c);
        group.add(g);
    }

    private String dataSha(GlueData glue, Task task, String split) {
        return orMissing(() -> Hashing.fileSha256(split.equals("advglue") ? glue.advGlueFile()
                : glue.resolve(task, task.devSplits().get(0)).path()));
    }

    /** A content hash; {@code missing} only when planning a config whose model or data is not here. */
    private String orMissing(Supplier<String> hash) {
        try {
            return hash.get();
        } catch (RuntimeException e) {
            if (config.missing().isEmpty()) {
                throw e;
            }
            return "missing";
        }
    }

    private TrainSpec resolve(ModelRef model, String modelSha, Task task, MethodEntry method, long seed,
            String trainSha, String devSha) {
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
        ObjectNode key = keys.train(modelSha, task, setup, tc,
                new CellKeys.Selection(settings.trainSample(), settings.trainLimit()), seed, trainSha, devSha);
        String id = "train-" + Hashing.shortHash(Hashing.canonical(key));
        return new TrainSpec(id, key, model, modelSha, task, method, setup.name(), setup.parameters(), tc,
                settings.trainSample(), settings.trainLimit(), seed, presetName);
    }

    private Cell evalCell(TrainSpec spec, String split, String dataSha) {
        ObjectNode key = keys.eval(spec.id(), split, dataSha, spec.config().evalBatchSize(),
                spec.config().dropoutMasks());
        return new Cell(Kind.EVAL, "eval-" + Hashing.shortHash(Hashing.canonical(key)), key, spec, split, null);
    }

    private Cell attackCell(TrainSpec spec, AttackEntry a, String dataSha) {
        ObjectNode key = keys.attack(spec.id(), a, dataSha, spec.config().dropoutMasks());
        return new Cell(Kind.ATTACK, "attack-" + Hashing.shortHash(Hashing.canonical(key)), key, spec, a.split(), a);
    }

    private Cell landscapeCell(TrainSpec spec, LandscapeEntry l, String dataSha) {
        ObjectNode key = keys.landscape(spec.id(), l, dataSha, spec.config().evalBatchSize(),
                spec.config().dropoutMasks());
        return new Cell(Kind.LANDSCAPE, "landscape-" + Hashing.shortHash(Hashing.canonical(key)), key, spec, l.split(),
                null, l);
    }

    /** Where each cell lives under a run directory. */
    public static Path cellDir(Path runDir, Cell cell) {
        return runDir.resolve("cells").resolve(cell.id());
    }
}
