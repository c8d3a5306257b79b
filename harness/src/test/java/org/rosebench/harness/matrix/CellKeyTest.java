package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.EngineDropoutGenerator;
import org.rosebench.core.train.TrainConfig;

/** A cell's key changes exactly when its result can: model content, versions, environment, settings' values. */
class CellKeyTest {

    @TempDir
    Path tmp;

    private static final String MATRIX = """
            name: keys
            models: [{name: a, path: A}, {name: b, path: B}]
            tasks: [sst2]
            seeds: [1]
            train: {epochs: 1, lr: 1.5e-4, train_sample: 64}
            methods:
              - {label: Vanilla, spec: vanilla}
              - {label: R3F, spec: r3f, params: {lambda: 0.5}}
            evaluations: [dev]
            attacks:
              - {recipe: pwws, num_examples: 5}
              - {recipe: textfooler, num_examples: 5, params: {use-threshold: 0.9}}
            """;

    /** A model directory as the plan sees it: only the files' bytes matter, they are never loaded here. */
    private Path model(String name, byte weight) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3, weight});
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {}}");
        Files.writeString(dir.resolve("README.md"), "not part of the model");
        return dir;
    }

    private MatrixPlan plan(String yaml, ComponentVersions versions, ExecutionEnvironment env) {
        String text = yaml.replace("path: A", "path: " + tmp.resolve("A")).replace("path: B", "path: " + tmp.resolve("B"))
                .replace("path: C", "path: " + tmp.resolve("C"));
        return MatrixPlan.of(MatrixConfigLoaderTest.parse(text), versions, env);
    }

    private MatrixPlan plan(String yaml) {
        return plan(yaml, ComponentVersions.installed(), ExecutionEnvironment.cpu());
    }

    private static List<String> ids(MatrixPlan p) {
        return p.cells().stream().map(Cell::id).toList();
    }

    /** Asserts that exactly the cells matching {@code changed} have new ids, position by position. */
    private static void assertChangedExactly(MatrixPlan before, MatrixPlan after, Predicate<Cell> changed) {
        assertEquals(before.cells().size(), after.cells().size());
        int n = 0;
        for (int i = 0; i < before.cells().size(); i++) {
            Cell x = before.cells().get(i);
            if (changed.test(x)) {
                assertNotEquals(x.id(), after.cells().get(i).id(), x.describe());
                n++;
            } else {
                assertEquals(x.id(), after.cells().get(i).id(), x.describe());
            }
        }
        assertTrue(n > 0, "something changed");
    }

    @Test
    void changingOneWeightReRunsThatModelsCellsOnly() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        MatrixPlan before = plan(MATRIX);
        Path weights = tmp.resolve("A/model.safetensors");
        Files.write(weights, new byte[] {1, 2, 3, 5});
        Files.setLastModifiedTime(weights, FileTime.fromMillis(Files.getLastModifiedTime(weights).toMillis() + 2000));
        assertChangedExactly(before, plan(MATRIX), c -> c.train().model().name().equals("a"));
    }

    @Test
    void aRenamedOrMovedModelReRunsNothing() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        MatrixPlan before = plan(MATRIX);
        model("C", (byte) 4);
        Files.writeString(tmp.resolve("C/README.md"), "another readme: not part of the model either");
        assertEquals(ids(before), ids(plan(MATRIX.replace("{name: a, path: A}", "{name: renamed, path: C}"))));
    }

    @Test
    void equalNumbersWrittenDifferentlyAreOneKey() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        List<String> base = ids(plan(MATRIX));
        assertEquals(base, ids(plan(MATRIX.replace("lambda: 0.5", "lambda: 5e-1"))));
        assertEquals(base, ids(plan(MATRIX.replace("lambda: 0.5", "lambda: \"0.50\""))));
        assertEquals(base, ids(plan(MATRIX.replace("lr: 1.5e-4", "lr: 0.00015"))));
        assertEquals(base, ids(plan(MATRIX.replace("use-threshold: 0.9", "use-threshold: \"0.900\""))));
        assertNotEquals(base, ids(plan(MATRIX.replace("lambda: 0.5", "lambda: 0.6"))));
    }

    @Test
    void theWordVectorSpaceIsPartOfTheKeysOfTheAttacksThatUseIt() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        // the built-in space enters by its pinned content hash, only for recipes drawing on word vectors
        MatrixPlan builtIn = plan(MATRIX);
        String space = org.rosebench.attacks.lexicon.CounterFittedSpace.DEFAULT.sha256();
        assertTrue(space != null && space.length() == 16, "the default space's hash is pinned: " + space);
        for (Cell c : builtIn.cells()) {
            boolean usesVectors = c.kind() == Cell.Kind.ATTACK && c.attack().recipe().equals("textfooler");
            assertEquals(usesVectors, c.key().toString().contains("sha256:" + space), c.describe());
        }
        // a user's file enters by its content: another file with other vectors re-runs the textfooler attacks only,
        // the same bytes under another name re-run nothing
        Files.writeString(tmp.resolve("v1.txt"), "good 1 0\nfine 0.9 0.1\n");
        Files.writeString(tmp.resolve("v2.txt"), "good 1 0\nfine 0.8 0.2\n");
        Files.writeString(tmp.resolve("copy.txt"), "good 1 0\nfine 0.9 0.1\n");
        String withFile = MATRIX.replace("params: {use-threshold: 0.9}}", "params: {use-threshold: 0.9}, vectors: V}");
        MatrixPlan v1 = plan(withFile.replace("vectors: V", "vectors: " + tmp.resolve("v1.txt")));
        assertChangedExactly(builtIn, v1, c -> c.kind() == Cell.Kind.ATTACK && c.attack().recipe().equals("textfooler"));
        MatrixPlan v2 = plan(withFile.replace("vectors: V", "vectors: " + tmp.resolve("v2.txt")));
        assertChangedExactly(v1, v2, c -> c.kind() == Cell.Kind.ATTACK && c.attack().recipe().equals("textfooler"));
        assertEquals(ids(v1), ids(plan(withFile.replace("vectors: V", "vectors: " + tmp.resolve("copy.txt")))));
    }

    @Test
    void bumpingARecipesVersionReRunsOnlyItsAttacks() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        MatrixPlan before = plan(MATRIX);
        MatrixPlan after = plan(MATRIX, ComponentVersions.installed().withRecipe("pwws", "bumped"),
                ExecutionEnvironment.cpu());
        assertChangedExactly(before, after, c -> c.kind() == Cell.Kind.ATTACK && c.attack().recipe().equals("pwws"));
    }

    @Test
    void bumpingAMethodsVersionReRunsItsTrainingsAndTheirDependents() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        MatrixPlan before = plan(MATRIX);
        MatrixPlan after = plan(MATRIX, ComponentVersions.installed().withMethod("r3f", "bumped"),
                ExecutionEnvironment.cpu());
        assertChangedExactly(before, after, c -> c.train().spec().equals("r3f"));
    }

    @Test
    void cpuAndGpuCellsNeverShareAnId() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        ExecutionEnvironment cpu = ExecutionEnvironment.cpu();
        MatrixPlan gpu = plan(MATRIX, ComponentVersions.installed(), new ExecutionEnvironment("gpu", cpu.engine(), cpu.djl()));
        assertChangedExactly(plan(MATRIX), gpu, c -> true);
        MatrixPlan otherEngine = plan(MATRIX, ComponentVersions.installed(),
                new ExecutionEnvironment("cpu", cpu.engine() + ".1", cpu.djl()));
        assertChangedExactly(plan(MATRIX), otherEngine, c -> true);
    }

    /**
     * Where libtorch draws dropout masks from MKL's generator (measured: cpuinfo reports an Intel CPU) cells are
     * others; with libtorch's own mt19937 the key is what it was before the generator was recorded (CiCellKeysTest
     * pins those ids).
     */
    @Test
    void mklDropoutMasksTrainCellsOfTheirOwnMt19937KeepsTheKeys() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        ExecutionEnvironment cpu = ExecutionEnvironment.cpu();
        MatrixPlan intel = plan(MATRIX, ComponentVersions.installed(),
                new ExecutionEnvironment("cpu", cpu.engine(), cpu.djl(), ExecutionEnvironment.MKL_VSL));
        assertChangedExactly(plan(MATRIX), intel, c -> true);
        MatrixPlan mt = plan(MATRIX, ComponentVersions.installed(), new ExecutionEnvironment("cpu", cpu.engine(),
                cpu.djl(), ExecutionEnvironment.dropoutGenerator("cpu", EngineDropoutGenerator.MT19937)));
        assertEquals(plan(MATRIX).cells().stream().map(Cell::id).toList(),
                mt.cells().stream().map(Cell::id).toList());
        assertEquals(ExecutionEnvironment.MKL_VSL,
                ExecutionEnvironment.dropoutGenerator("cpu", EngineDropoutGenerator.OTHER));
        assertNull(ExecutionEnvironment.dropoutGenerator("gpu", EngineDropoutGenerator.OTHER), "masks come from CUDA");
        assertNull(ExecutionEnvironment.dropoutGenerator("gpu", null), "masks come from CUDA");
        // the masks this machine's engine draws decide, not its vendor
        ExecutionEnvironment here = ExecutionEnvironment.current();
        assertEquals(EngineDropoutGenerator.MT19937.equals(EngineDropoutGenerator.measured()) ? null
                : ExecutionEnvironment.MKL_VSL, here.dropoutGenerator());
    }

    /**
     * With counter-based dropout masks the vendor no longer decides the model: Intel and other CPUs plan the same
     * cells (train and dependents), so one run directory takes workers of both; with the engine's masks they do not.
     */
    @Test
    void counterMaskCellsHaveOneKeyOnEveryCpuVendor() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 9);
        ExecutionEnvironment cpu = ExecutionEnvironment.cpu();
        ExecutionEnvironment intel = new ExecutionEnvironment("cpu", cpu.engine(), cpu.djl(), ExecutionEnvironment.MKL_VSL);
        String counter = MATRIX.replace("train_sample: 64}", "train_sample: 64, dropout_masks: counter}");
        MatrixPlan onIntel = plan(counter, ComponentVersions.installed(), intel);
        MatrixPlan elsewhere = plan(counter, ComponentVersions.installed(), cpu);
        assertEquals(elsewhere.cells().size(), onIntel.cells().size());
        assertTrue(onIntel.cells().stream().anyMatch(c -> c.kind() == Cell.Kind.ATTACK));
        assertEquals(elsewhere.cells().stream().map(Cell::id).toList(), onIntel.cells().stream().map(Cell::id).toList());
        for (Cell c : onIntel.cells()) {
            assertTrue(!c.key().get("environment").has("dropout_generator"), c.key().toString());
        }
        // the engine's masks: Intel's cells are others, and counter-mask cells are others than both
        assertChangedExactly(plan(MATRIX), plan(MATRIX, ComponentVersions.installed(), intel), c -> true);
        assertChangedExactly(plan(MATRIX), elsewhere, c -> true);
    }

    @Test
    void theLoggingIntervalIsNotInTheKeyTheEvaluationBatchSizeIs() {
        CellKeys keys = new CellKeys(ComponentVersions.installed(), ExecutionEnvironment.cpu());
        var setup = org.rosebench.core.method.MethodRegistry.load().setup("vanilla", java.util.Map.of());
        var task = org.rosebench.core.data.Task.byName("sst2");
        CellKeys.Selection all = new CellKeys.Selection(null, null);
        TrainConfig base = TrainConfig.builder().build();
        String key = Hashing.canonical(keys.train("m", task, setup, base, all, 1, "t", "d"));
        assertEquals(key, Hashing.canonical(keys.train("m", task, setup,
                TrainConfig.builder().optLogEverySteps(1).build(), all, 1, "t", "d")));
        assertNotEquals(key, Hashing.canonical(keys.train("m", task, setup,
                TrainConfig.builder().optEvalBatchSize(7).build(), all, 1, "t", "d")));
        assertNotEquals(Hashing.canonical(keys.eval("train-x", "dev", "d", 64)),
                Hashing.canonical(keys.eval("train-x", "dev", "d", 7)));
    }

    /**
     * Gradient accumulation entered the trainer settings after keys were pinned: at its default (1, the earlier
     * computation exactly) it is left out of the key, so no existing id changes (CiCellKeysTest pins them); any
     * other value, which changes the float summation order, is a different cell.
     */
    @Test
    void gradientAccumulationEntersTheKeyOnlyWhenUsed() {
        CellKeys keys = new CellKeys(ComponentVersions.installed(), ExecutionEnvironment.cpu());
        var setup = org.rosebench.core.method.MethodRegistry.load().setup("vanilla", java.util.Map.of());
        var task = org.rosebench.core.data.Task.byName("sst2");
        CellKeys.Selection all = new CellKeys.Selection(null, null);
        var key = keys.train("m", task, setup, TrainConfig.builder().build(), all, 1, "t", "d");
        assertTrue(key.get("train_config").has("maxGradNorm"));
        assertTrue(!key.get("train_config").has("gradAccumSteps"), key.toString());
        assertEquals(Hashing.canonical(key), Hashing.canonical(keys.train("m", task, setup,
                TrainConfig.builder().optGradAccumSteps(1).build(), all, 1, "t", "d")));
        var accumulated = keys.train("m", task, setup, TrainConfig.builder().optGradAccumSteps(4).build(), all, 1,
                "t", "d");
        assertEquals(4, accumulated.get("train_config").get("gradAccumSteps").asInt());
        assertNotEquals(Hashing.canonical(key), Hashing.canonical(accumulated));
    }

    @Test
    void gradAccumStepsInAConfigChangesOnlyThatMethodsCells() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 5);
        MatrixPlan before = plan(MATRIX);
        assertEquals(ids(before), ids(plan(MATRIX.replace("spec: r3f, params", "spec: r3f, train: {grad_accum_steps: 1},"
                + " params"))));
        assertChangedExactly(before, plan(MATRIX.replace("spec: r3f, params", "spec: r3f, train: {grad_accum_steps: 2},"
                + " params")), c -> c.train().spec().equals("r3f"));
    }

    /**
     * The mask source is a trainer setting like the others: the engine's (the default, what every recorded cell
     * used) leaves every id as it was, written or not; counter masks change the cells of the trainings that use them
     * and their dependants, and a bad value names its place in the config.
     */
    @Test
    void dropoutMasksEnterTheKeysOnlyWhenCounterBased() throws IOException {
        model("A", (byte) 4);
        model("B", (byte) 5);
        MatrixPlan before = plan(MATRIX);
        assertEquals(ids(before), ids(plan(MATRIX.replace("train_sample: 64}", "train_sample: 64, "
                + "dropout_masks: libtorch}"))));
        assertChangedExactly(before, plan(MATRIX.replace("spec: r3f, params", "spec: r3f, train: {dropout_masks: "
                + "counter}, params")), c -> c.train().spec().equals("r3f"));
        assertChangedExactly(before, plan(MATRIX.replace("train_sample: 64}", "train_sample: 64, "
                + "dropout_masks: counter}")), c -> true);
        ConfigException e = assertThrows(ConfigException.class,
                () -> plan(MATRIX.replace("train_sample: 64}", "train_sample: 64, dropout_masks: philox}")));
        assertTrue(e.getMessage().contains("train.dropout_masks") && e.getMessage().contains("libtorch, counter"),
                e.getMessage());
    }
}
