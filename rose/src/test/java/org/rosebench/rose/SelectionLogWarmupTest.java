package org.rosebench.rose;

import org.rosebench.core.method.ForwardingSelector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.Trainer;

/**
 * {@code selection.jsonl} describes the update AdamW makes, also under the trainer's warm-up ({@code warmup_steps}
 * 2 of 6 steps, which is AdamW's mask warm-up too): for steps ≤ 2 it says no mask was applied and every eligible
 * tensor was updated (kept fraction 1; at step 2 every one moved, step 1 has learning rate 0) although the selector
 * computed masks below 1 (M² from step 2; the ensemble's M¹ is all ones then);
 * after that its frozen fraction is exactly the share of eligible tensors that the step left bit-identical (a
 * frozen tensor gets neither update nor decay) and its kept fraction the share with mask 1.
 */
class SelectionLogWarmupTest {

    static final int WARMUP = 2;

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    @ParameterizedTest
    @CsvSource({"rose-second", "rose-ensemble"})
    void logDescribesTheMasksAdamWApplies(String selector, @TempDir Path dir) throws Exception {
        long seed = 7;
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), seed);
        List<Example> train = new ArrayList<>();
        String[] texts = {"he is the", "the hen", "is he", "the the he", "he he", "is the hen"};
        for (int i = 0; i < 12; i++) {
            train.add(new Example(i, texts[i % texts.length], null, i % 2));
        }
        Watching watching = new Watching(MethodRegistry.load().setup(selector, Map.of("upper", "60")).selector());
        TrainConfig config = TrainConfig.builder().optEpochs(2).optBatchSize(4).optLearningRate(1e-3).optSeed(seed)
                .optMaxLength(16).optWarmupSteps(WARMUP).build();
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"),
                16, seed)) {
            new Trainer(config, dir.resolve("out"), new ObjectMapper().createObjectNode())
                    .train(model, new MethodSetup(MethodRegistry.load().create("vanilla", Map.of()), watching),
                            train, List.of());
            Map<String, float[]> last = new LinkedHashMap<>();
            for (String name : watching.eligible) {
                last.put(name, model.weights().asMap().get(name).toFloatArray());
            }
            watching.before.add(last);
        }

        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(Trainer.SELECTION_LOG));
        assertEquals(6, lines.size(), "one line per step");
        assertEquals(6, watching.masks.size(), "one selection per step");
        ObjectMapper json = new ObjectMapper();
        boolean computedButIgnored = false;
        boolean frozeAfterWarmup = false;
        for (int i = 0; i < lines.size(); i++) {
            int step = i + 1;
            String where = selector + " step " + step;
            JsonNode n = json.readTree(lines.get(i));
            assertEquals(step, n.get("step").asInt(), where);
            int eligible = n.get("eligible").asInt();
            assertEquals(16, eligible, where);
            assertEquals(watching.eligible.size(), eligible, where);

            TreeSet<String> untouched = new TreeSet<>();
            for (String name : watching.eligible) {
                if (Arrays.equals(watching.before.get(i).get(name), watching.before.get(i + 1).get(name))) {
                    untouched.add(name);
                }
            }
            Map<String, Float> mask = watching.masks.get(i);
            TreeSet<String> maskZero = new TreeSet<>();
            int maskOne = 0;
            for (String name : watching.eligible) {
                float m = mask.getOrDefault(name, 1f);
                if (m == 0f) {
                    maskZero.add(name);
                }
                maskOne += m == 1f ? 1 : 0;
            }

            if (step <= WARMUP) {
                assertEquals(1.0, n.get("kept_fraction").asDouble(), where);
                assertEquals(0.0, n.get("frozen_fraction").asDouble(), where);
                assertEquals(1.0, n.get("mean_mask").asDouble(), where);
                assertEquals(0.0, n.get("nan_saliency").asDouble(), where);
                if (step > 1) { // update 1 of an LR warm-up has rate 0 (HF λ(0) = 0) and moves nothing
                    assertEquals(List.of(), List.copyOf(untouched), where + ": AdamW updated every eligible tensor");
                }
                computedButIgnored |= maskOne < eligible;
            } else {
                assertEquals(maskZero, untouched, where + ": the frozen tensors are the ones left bit-identical");
                assertEquals((double) untouched.size() / eligible, n.get("frozen_fraction").asDouble(), 1e-12,
                        where);
                assertEquals((double) maskOne / eligible, n.get("kept_fraction").asDouble(), 1e-12, where);
                frozeAfterWarmup |= !untouched.isEmpty();
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i < WARMUP ? 0.0 : 1.0, json.readTree(lines.get(i)).path("mask_applied").asDouble(-1),
                    selector + " step " + (i + 1) + ": mask_applied");
        }
        assertTrue(computedButIgnored, selector + ": the selector computed masks below 1 during the warm-up, which"
                + " the log must not report as applied; reproduce with seed " + seed);
        assertTrue(frozeAfterWarmup, selector + ": some tensor is frozen after the warm-up");
    }

    /**
     * Delegates to a selector; at every selection (before the update) records the eligible weights, which are the
     * weights after the previous update, and the masks handed to AdamW.
     */
    static final class Watching extends ForwardingSelector {
        final UpdateSelector inner;
        final List<String> eligible = new ArrayList<>();
        final List<Map<String, float[]>> before = new ArrayList<>();
        final List<Map<String, Float>> masks = new ArrayList<>();

        Watching(UpdateSelector inner) {
            super(inner);
            this.inner = inner;
        }

        @Override
        public TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer) {
            Map<String, float[]> weights = new LinkedHashMap<>();
            for (Param p : params) {
                if (p.eligible()) {
                    weights.put(p.name(), p.value().toFloatArray());
                }
            }
            if (eligible.isEmpty()) {
                eligible.addAll(weights.keySet());
            }
            before.add(weights);
            TensorMasks m = inner.select(params, gradients, optimizer);
            masks.add(Map.copyOf(m.asMap()));
            return m;
        }

    }
}
