package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.VictimMaxLength;
import org.rosebench.core.data.Task;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.util.NumberText;
import org.rosebench.core.landscape.LandscapeOptions;
import org.rosebench.harness.matrix.MatrixConfig.AttackEntry;
import org.rosebench.harness.matrix.MatrixConfig.LandscapeEntry;

/**
 * The keys of cells: everything that can change a result and nothing else (docs/result-store.md, "Cell keys").
 * Names, labels, paths and output locations are left out, so renaming a model or a method re-runs nothing; the
 * model enters by content, code by declared versions, and the device class and engine because results differ
 * across them.
 */
final class CellKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Trainer settings that cannot change a result: the logging interval only decides which steps are written to
     * train.log. (The evaluation batch size stays: it changes the dev monitor's numerics, see the docs.)
     */
    private static final String[] NOT_RESULTS = {"logEverySteps"};

    /**
     * Trainer settings added after keys were first pinned, with the value that reproduces the earlier behaviour
     * exactly: at that value they are left out of the key, so every existing cell keeps its id. (Gradient
     * accumulation over k micro-batches gives the same update up to float summation order, but not bit for bit, so
     * any other k is a different cell.)
     */
    private static final Map<String, Integer> OMITTED_AT_DEFAULT = Map.of("gradAccumSteps", 1);

    private final ComponentVersions versions;
    private final ObjectNode environment;

    CellKeys(ComponentVersions versions, ExecutionEnvironment environment) {
        this.versions = versions;
        this.environment = environment.toJson();
    }

    /** Training data selection: {@code sample} (seeded) or {@code limit} (first rows), or the whole file. */
    record Selection(Integer sample, Integer limit) {}

    ObjectNode train(String modelSha, Task task, MethodSetup setup, TrainConfig config, Selection selection, long seed,
            String trainSha, String devSha) {
        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "train");
        key.put("model", modelSha);
        key.put("task", task.cliName());
        key.put("method", setup.name());
        key.set("method_params", JSON.valueToTree(new TreeMap<>(setup.parameters())));
        ObjectNode tc = JSON.valueToTree(config);
        tc.remove(java.util.List.of(NOT_RESULTS));
        omitDefaults(tc);
        key.set("train_config", tc);
        ObjectNode sel = key.putObject("train_selection");
        if (selection.sample() != null) {
            sel.put("sample", selection.sample());
        } else if (selection.limit() != null) {
            sel.put("limit", selection.limit());
        }
        key.put("seed", seed);
        key.putObject("data").put("train", trainSha).put("dev", devSha);
        key.set("versions", versions.training(setup));
        key.set("environment", environment(config.dropoutMasks()));
        return key;
    }

    ObjectNode eval(String trainId, String split, String dataSha, int evalBatchSize) {
        return eval(trainId, split, dataSha, evalBatchSize, DropoutMasks.LIBTORCH);
    }

    /** {@code masks}: where the model's training took its dropout masks (the environment depends on it). */
    ObjectNode eval(String trainId, String split, String dataSha, int evalBatchSize, DropoutMasks masks) {
        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "eval");
        key.put("train", trainId);
        key.put("split", split);
        key.put("data", dataSha);
        // predictions can flip between batch sizes: padding and kernel choice change the logits' last bits
        key.put("eval_batch_size", evalBatchSize);
        key.set("versions", versions.evaluation());
        key.set("environment", environment(masks));
        return key;
    }

    ObjectNode attack(String trainId, AttackEntry a, String dataSha, DropoutMasks masks) {
        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "attack");
        key.put("train", trainId);
        key.put("recipe", a.recipe());
        // the recipe's self-description lists its constants: a changed default re-runs the attack even unbumped
        key.put("recipe_description", Hashing.shortHash(Recipes.get(a.recipe()).describe()));
        key.put("split", a.split());
        key.put("offset", a.offset());
        key.put("num_examples", a.numExamples());
        key.put("query_budget", a.queryBudget());
        key.put("seed", a.seed());
        key.set("params", JSON.valueToTree(canonicalNumbers(a.params())));
        key.put("data", dataSha);
        // how the victim truncates (the length itself follows from the checkpoint)
        key.put("victim_truncation", VictimMaxLength.RULE);
        key.set("versions", versions.attack(a.recipe(), a.vectors() == null ? null
                : a.vectorsSha256() != null ? a.vectorsSha256() : "missing:" + a.vectors()));
        key.set("environment", environment(masks));
        return key;
    }

    /**
     * A landscape cell: its settings (numbers in one spelling), the examples' source and the evaluation batch size
     * (the loss is batched as the evaluator batches). Which seeds and methods are analysed selects cells and is not
     * in any key.
     */
    ObjectNode landscape(String trainId, LandscapeEntry e, String dataSha, int evalBatchSize, DropoutMasks masks) {
        LandscapeOptions o = e.options();
        ObjectNode key = JSON.createObjectNode();
        key.put("kind", "landscape");
        key.put("train", trainId);
        key.put("split", e.split());
        key.put("examples", e.examples());
        key.put("dims", o.dims());
        key.put("grid", o.grid());
        key.put("radius", NumberText.canonical(Double.toString(o.radius())));
        key.put("directions", o.directions());
        key.put("seed", o.seed());
        key.put("bias_ln", o.biasLn().label());
        key.put("epsilon", NumberText.canonical(Double.toString(o.epsilon())));
        key.put("epsilon_steps", o.epsilonSteps());
        key.put("data", dataSha);
        key.put("eval_batch_size", evalBatchSize);
        key.set("versions", versions.landscape());
        key.set("environment", environment(masks));
        return key;
    }

    /**
     * The environment in the keys of a model trained with {@code masks} and of its evaluations. With rose-bench's
     * counter-based masks the CPU vendor no longer decides dropout, so {@code dropout_generator} is left out: cells
     * trained on Intel and on other CPUs share their ids and one plan, as cells on two CPU models of one vendor
     * always did (their kernels may still differ in the last bits, which provenance.cpu records).
     */
    private ObjectNode environment(DropoutMasks masks) {
        ObjectNode env = environment.deepCopy();
        if (masks == DropoutMasks.COUNTER) {
            env.remove("dropout_generator");
        }
        return env;
    }

    static void omitDefaults(ObjectNode trainConfig) {
        OMITTED_AT_DEFAULT.forEach((field, value) -> {
            if (trainConfig.path(field).isInt() && trainConfig.get(field).intValue() == value) {
                trainConfig.remove(field);
            }
        });
    }

    /** Recipe parameters are untyped text: numbers get one spelling, anything else is kept as written. */
    static Map<String, String> canonicalNumbers(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, NumberText.canonicalIfNumber(v)));
        return out;
    }
}
