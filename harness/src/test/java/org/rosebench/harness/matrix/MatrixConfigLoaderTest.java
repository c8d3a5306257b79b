package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.data.Task;

class MatrixConfigLoaderTest {

    static final Path DATA = Path.of(System.getProperty("rose.data.dir", "../data"));
    static final Path FILE = Path.of("test.yaml");

    static final String VALID = """
            name: t
            models: [minilm-l6]
            tasks: [sst2]
            seeds: [1, 2]
            train: {epochs: 1, lr: 1.0e-4, train_sample: 64}
            methods:
              - {label: Vanilla, spec: vanilla}
              - {label: ROSE-First, spec: rose-first, params: {upper: 60}, train: {lr: 2.0e-4}}
              - {label: ROSE-Ens, preset: "rose-ensemble-base-{task}"}
            evaluations: [dev, advglue]
            attacks:
              - {recipe: pwws, num_examples: 5, methods: [Vanilla]}
            """;

    static MatrixConfig parse(String yaml) {
        return MatrixConfigLoader.parse(FILE, yaml, DATA, true);
    }

    @Test
    void readsAValidConfig() {
        MatrixConfig c = parse(VALID);
        assertEquals("t", c.name());
        assertEquals(List.of(Task.byName("sst2")), c.tasks());
        assertEquals(List.of(1L, 2L), c.seeds());
        assertEquals(3, c.methods().size());
        assertEquals("rose-ensemble", c.methods().get(2).label().equals("ROSE-Ens") ? "rose-ensemble" : "");
        assertEquals(List.of("Vanilla"), c.attacks().get(0).methods());
        assertEquals(16, c.hash().length());
    }

    @Test
    void errorsNameTheFileLineAndSetting() {
        assertError(VALID.replace("spec: rose-first", "spec: rose-frist"), "test.yaml:8: methods.1: ", "rose-frist");
        assertError(VALID.replace("tasks: [sst2]", "tasks: [sst3]"), "test.yaml:3: tasks.0: ", "sst3");
        assertError(VALID.replace("recipe: pwws", "recipe: pwss"), "test.yaml:12: attacks.0.recipe: ", "unknown recipe 'pwss'");
        assertError(VALID.replace("epochs: 1", "epochs: 1.5"), "test.yaml:5: train.epochs: ", "must be an integer");
        assertError(VALID.replace("upper: 60", "upper: abc"), "test.yaml:8: methods.1: ", "upper");
        assertError(VALID.replace("seeds: [1, 2]", "seeds: [1, 1]"), "test.yaml:4: seeds.1: ", "listed twice");
        // the engine RNG takes 32 bits: 2^32 + 1 would share seed 1's dropout stream
        assertError(VALID.replace("seeds: [1, 2]", "seeds: [1, 4294967297]"), "test.yaml:4: seeds.1: ", "fits in 32 bits");
        assertError(VALID.replace("models:", "modles:"), "test.yaml:2: modles: ", "unknown setting 'modles'");
        assertError(VALID.replace("methods: [Vanilla]", "methods: [Vanila]"), "test.yaml:12: attacks.0.methods.0: ", "no method labelled");
        assertError(VALID.replace("{task}", "xx"), "test.yaml:9: methods.2.preset: ", "unknown preset");
        assertError(VALID.replace("evaluations: [dev, advglue]", "evaluations: [dev, adv]"), "test.yaml:10: evaluations.1: ", "adv");
        assertError("name: [1\n", "test.yaml:", "not valid YAML");
        assertError(VALID.replace("name: t\n", ""), "test.yaml", "missing required setting 'name'");
    }

    @Test
    void relativePathsResolveAgainstTheConfigFileNotTheWorkingDirectory(@TempDir Path tmp) throws Exception {
        Path configs = Files.createDirectories(tmp.resolve("project/configs"));
        Path model = Files.createDirectories(tmp.resolve("project/models/tiny"));
        Files.writeString(model.resolve("config.json"), "{}");
        String yaml = VALID.replace("models: [minilm-l6]", "models: [{name: tiny, path: ../models/tiny}]")
                .replace("              - {label: ROSE-Ens, preset: \"rose-ensemble-base-{task}\"}\n", "")
                + "out_dir: ../runs/t\n";
        MatrixConfig c = MatrixConfigLoader.parse(configs.resolve("t.yaml"), yaml, DATA, true);
        assertEquals(tmp.resolve("project/runs/t"), c.outDir());
        assertEquals(model.toString(), c.models().get(0).path());
        MatrixConfig byDefault = MatrixConfigLoader.parse(configs.resolve("t.yaml"), VALID, DATA, true);
        assertEquals(configs.resolve("runs/t"), byDefault.outDir());
    }

    @Test
    void aDataRootThatDoesNotExistIsNamed() {
        for (boolean run : new boolean[] {true, false}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> MatrixConfigLoader.parse(FILE, VALID, Path.of("/nonexistent/data"), run));
            assertTrue(e.getMessage().contains("data root /nonexistent/data (--data) is not a directory"), e.getMessage());
        }
    }

    @Test
    void missingDataIsReportedBeforeAnyWork(@TempDir Path empty) {
        // no file anywhere on the search path: an empty --data root, user folder and bundled folder
        withSearchPath(empty, empty, () -> {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> MatrixConfigLoader.parse(FILE, VALID, empty, true));
            assertTrue(e.getMessage().contains("missing data file"), e.getMessage());
            assertTrue(e.getMessage().contains("data fetch sst2"), e.getMessage());
            MatrixConfig planned = MatrixConfigLoader.parse(FILE, VALID, empty, false);
            assertTrue(planned.missing().get(0).startsWith("data: "), planned.missing().toString());
        });
    }

    @Test
    void aSubsetTrainingFileMustBeChosenExplicitly(@TempDir Path emptyUserFolder) {
        // the bundled QNLI training file is a 320-line subset; the user folder is empty, so nothing else is found
        withSearchPath(emptyUserFolder, DATA, () -> {
            String qnli = VALID.replace("tasks: [sst2]", "tasks: [sst2, qnli]");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> MatrixConfigLoader.parse(FILE, qnli, DATA, true));
            assertTrue(e.getMessage().startsWith("test.yaml:3: tasks.1: qnli has only a subset of its training set"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("train_subsets"), e.getMessage());
            // a plan shows its cells and lists the subset with what else is missing (and so exits 1)
            List<String> missing = MatrixConfigLoader.parse(FILE, qnli, DATA, false).missing();
            assertEquals(1, missing.size(), missing.toString());
            assertTrue(missing.get(0).startsWith("data: qnli has only a subset of its training set"), missing.get(0));
            assertTrue(missing.get(0).contains("rose-bench data fetch qnli"), missing.get(0));
            MatrixConfig c = parse(qnli.replace("tasks: [sst2, qnli]", "tasks: [sst2, qnli]\ntrain_subsets: [qnli]"));
            assertEquals(2, c.tasks().size());
            assertError(qnli.replace("tasks: [sst2, qnli]", "tasks: [sst2, qnli]\ntrain_subsets: [rte]"),
                    "test.yaml:4: train_subsets.0: ", "not in tasks");
        });
    }

    /** Runs {@code body} with the user data folder and the bundled folder pointed elsewhere. */
    private static void withSearchPath(Path userFolder, Path bundled, Runnable body) {
        String userBefore = System.getProperty("rose.data.user");
        String bundledBefore = System.getProperty("rose.data.bundled");
        System.setProperty("rose.data.user", userFolder.toString());
        System.setProperty("rose.data.bundled", bundled.toString());
        try {
            body.run();
        } finally {
            restore("rose.data.user", userBefore);
            restore("rose.data.bundled", bundledBefore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void missingModelDirectoryFailsARunButIsListedByAPlan() {
        String yaml = VALID.replace("models: [minilm-l6]", "models: [{name: roberta-base, path: /nonexistent/roberta-base}]")
                .replace("{label: ROSE-Ens, preset: \"rose-ensemble-base-{task}\"}", "{label: R, spec: r3f}");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith("test.yaml:2: models.0: model roberta-base"), e.getMessage());
        MatrixConfig planned = MatrixConfigLoader.parse(FILE, yaml, DATA, false);
        assertEquals(1, planned.missing().size());
        assertTrue(planned.missing().get(0).contains("/nonexistent/roberta-base"));
    }

    @Test
    void gradAccumStepsIsAPositiveIntegerNotAboveTheMergedBatchSize() {
        MatrixConfig c = parse(VALID.replace("train_sample: 64}", "train_sample: 64, batch_size: 8, grad_accum_steps: 4}"));
        assertEquals(4, c.train().toConfig(1).gradAccumSteps());
        assertEquals(1, parse(VALID).train().toConfig(1).gradAccumSteps());
        assertError(VALID.replace("train_sample: 64}", "train_sample: 64, grad_accum_steps: 0}"),
                "test.yaml:5: train.grad_accum_steps: ", "must be an integer in 1..");
        assertError(VALID.replace("train_sample: 64}", "train_sample: 64, grad_accum_steps: 1.5}"),
                "test.yaml:5: train.grad_accum_steps: ", "must be an integer");
        assertError(VALID.replace("train_sample: 64}", "train_sample: 64, batch_size: 4, grad_accum_steps: 8}"),
                "test.yaml:5: train: ", "must not exceed batch_size");
        // valid layer by layer (the global batch size is 64), too large once the method's batch size applies
        String merged = VALID.replace("train_sample: 64}", "train_sample: 64, batch_size: 64, grad_accum_steps: 16}")
                .replace("train: {lr: 2.0e-4}", "train: {lr: 2.0e-4, batch_size: 8}");
        assertError(merged, "test.yaml:8: methods.1: ", "must not exceed batch_size (8)");
        parse(merged.replace("batch_size: 8}", "batch_size: 16}"));
    }

    @Test
    void aUsersVectorFileResolvesAgainstTheConfigFolderAndIsCheckedLineByLine(@TempDir Path tmp) throws Exception {
        Path configs = Files.createDirectories(tmp.resolve("project/configs"));
        Path vectors = Files.createDirectories(tmp.resolve("project/vectors"));
        Files.writeString(vectors.resolve("good.txt"), "good 1 0 0\nfine 0.9 0.1 0\nbad 0 0 1\n");
        String yaml = VALID.replace("  - {recipe: pwws, num_examples: 5, methods: [Vanilla]}",
                "  - {recipe: pwws, num_examples: 5, methods: [Vanilla]}\n"
                        + "  - {recipe: textfooler, num_examples: 5, vectors: ../vectors/good.txt}");
        Path config = configs.resolve("t.yaml");
        MatrixConfig c = MatrixConfigLoader.parse(config, yaml, DATA, true);
        MatrixConfig.AttackEntry a = c.attacks().get(1);
        assertEquals(vectors.resolve("good.txt"), a.vectors());
        assertEquals(org.rosebench.core.data.DataFiles.contentSha256(vectors.resolve("good.txt")), a.vectorsSha256());
        assertEquals(null, c.attacks().get(0).vectors());

        // a line with a value short: the config's line and setting, then the vector file's line
        Files.writeString(vectors.resolve("bad.txt"), "good 1 0 0\nfine 0.9 0.1\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> MatrixConfigLoader.parse(config, yaml.replace("good.txt", "bad.txt"), DATA, true));
        assertTrue(e.getMessage().startsWith(config + ":13: attacks.1.vectors: bad vector file: "
                + vectors.resolve("bad.txt") + ":2: 2 values, expected 3"), e.getMessage());
        Files.writeString(vectors.resolve("nan.txt"), "good 1 0 0\nfine 0.9 x 0\nbad NaN 0 1\n");
        e = assertThrows(ConfigException.class,
                () -> MatrixConfigLoader.parse(config, yaml.replace("good.txt", "nan.txt"), DATA, true));
        assertTrue(e.getMessage().contains("nan.txt:2: not a number: x"), e.getMessage());
        Files.writeString(vectors.resolve("inf.txt"), "good 1 0 0\nbad Infinity 0 1\n");
        e = assertThrows(ConfigException.class,
                () -> MatrixConfigLoader.parse(config, yaml.replace("good.txt", "inf.txt"), DATA, true));
        assertTrue(e.getMessage().contains("inf.txt:2: not a finite number: Infinity"), e.getMessage());
        Files.writeString(vectors.resolve("empty.txt"), "\n\n");
        e = assertThrows(ConfigException.class,
                () -> MatrixConfigLoader.parse(config, yaml.replace("good.txt", "empty.txt"), DATA, true));
        assertTrue(e.getMessage().contains("empty.txt holds no vectors"), e.getMessage());

        // missing: an error for a run, listed for a plan
        e = assertThrows(ConfigException.class,
                () -> MatrixConfigLoader.parse(config, yaml.replace("good.txt", "none.txt"), DATA, true));
        assertTrue(e.getMessage().startsWith(config + ":13: attacks.1.vectors: no such vector file"), e.getMessage());
        MatrixConfig planned = MatrixConfigLoader.parse(config, yaml.replace("good.txt", "none.txt"), DATA, false);
        assertTrue(planned.missing().stream().anyMatch(m -> m.contains("none.txt")), planned.missing().toString());

        // a recipe without word vectors cannot take a file
        e = assertThrows(ConfigException.class, () -> MatrixConfigLoader.parse(config,
                yaml.replace("recipe: textfooler", "recipe: bae"), DATA, true));
        assertTrue(e.getMessage().startsWith(config + ":13: attacks.1.vectors: recipe bae uses no word vectors"),
                e.getMessage());
    }

    private static void assertError(String yaml, String prefix, String contains) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith(prefix), "expected prefix '" + prefix + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(contains), "expected '" + contains + "' in: " + e.getMessage());
    }
}
