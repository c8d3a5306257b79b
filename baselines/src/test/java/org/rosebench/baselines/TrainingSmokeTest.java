package org.rosebench.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.Trainer;

/** Each baseline through the real trainer: 3 steps of the tiny RoBERTa with finite losses. */
class TrainingSmokeTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    @Test
    void allBaselinesAreRegistered() {
        MethodRegistry registry = MethodRegistry.load();
        List<String> names = registry.providers().stream().map(MethodProvider::name).toList();
        assertTrue(names.containsAll(List.of("vanilla", "r3f", "childtuning-d", "childtuning-f")), names.toString());
        assertEquals(List.of("lambda", "eps", "noise"),
                registry.get("r3f").parameters().stream().map(p -> p.name()).toList());
        assertEquals(List.of("reserve_p", "clip_before_mask"),
                registry.get("childtuning-d").parameters().stream().map(p -> p.name()).toList());
    }

    private static Trainer.Result train(Path dir, long seed, FineTuningMethod method, TrainConfig config,
            SequenceClassifier model) throws Exception {
        List<Example> train = Fixtures.examples(12); // batch 4: 3 steps
        return new Trainer(config, dir.resolve("out"), new ObjectMapper().createObjectNode().put("test", "smoke"))
                .train(model, method, train, Fixtures.examples(4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"r3f;", "r3f;noise=normal,lambda=0.7", "childtuning-d;",
            "childtuning-d;clip_before_mask=false", "childtuning-f;", "vanilla;"})
    void threeStepsWithFiniteLosses(String name, String params, @TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(42L);
        Map<String, String> p = new LinkedHashMap<>();
        if (params != null) {
            for (String kv : params.split(",")) {
                String[] parts = kv.split("=", 2);
                p.put(parts[0], parts[1]);
            }
        }
        FineTuningMethod method = Fixtures.method(name, p);
        TrainConfig config = TrainConfig.builder().optEpochs(1).optBatchSize(4).optLearningRate(1e-3).optSeed(seed)
                .optMaxLength(16).optLogEverySteps(1).build();
        try (SequenceClassifier model = Fixtures.tinyModel(dir, seed)) {
            Trainer.Result r = train(dir, seed, method, config, model);
            assertEquals(3, r.steps());
            assertTrue(Double.isFinite(r.epochs().get(0).meanLoss()), name + " mean loss" + Fixtures.reproduce(seed));
        }
        ObjectMapper json = new ObjectMapper();
        int stepLines = 0;
        for (String line : Files.readAllLines(dir.resolve("out").resolve("train.log"))) {
            JsonNode n = json.readTree(line);
            if (n.has("step")) {
                stepLines++;
                assertTrue(Double.isFinite(n.get("loss").asDouble()) && n.get("loss").asDouble() > 0,
                        name + " step " + n.get("step") + " loss " + n.get("loss") + Fixtures.reproduce(seed));
            }
        }
        assertEquals(3, stepLines, "one log line per step");
    }

    @Test
    void childTuningDLeavesMaskedEntriesUntouchedWithoutWeightDecay(@TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(8L);
        ChildTuningD method = (ChildTuningD) Fixtures.method("childtuning-d", Map.of());
        TrainConfig config = TrainConfig.builder().optEpochs(1).optBatchSize(4).optLearningRate(1e-2).optSeed(seed)
                .optMaxLength(16).optWeightDecay(0).build();
        try (SequenceClassifier model = Fixtures.tinyModel(dir, seed)) {
            Map<String, float[]> before = new LinkedHashMap<>();
            model.weights().asMap().forEach((k, v) -> before.put(k, v.toFloatArray()));
            train(dir, seed, method, config, model);
            long frozenChanged = 0;
            long keptChanged = 0;
            for (Map.Entry<String, NDArray> e : method.masks().entrySet()) {
                float[] mask = e.getValue().toFloatArray();
                float[] w0 = before.get(e.getKey());
                float[] w1 = model.weights().get(e.getKey()).toFloatArray();
                for (int i = 0; i < mask.length; i++) {
                    if (w0[i] != w1[i]) {
                        if (mask[i] == 0f) {
                            frozenChanged++;
                        } else {
                            keptChanged++;
                        }
                    }
                }
            }
            assertEquals(0, frozenChanged, "masked (mask 0) encoder entries must not move without weight decay"
                    + Fixtures.reproduce(seed));
            assertTrue(keptChanged > 0, "kept entries are trained" + Fixtures.reproduce(seed));
            String head = "classifier.out_proj.weight";
            assertTrue(!java.util.Arrays.equals(before.get(head), model.weights().get(head).toFloatArray()),
                    "the head (no mask) is trained");
        }
    }
}
