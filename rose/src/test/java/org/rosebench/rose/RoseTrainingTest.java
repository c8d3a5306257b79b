package org.rosebench.rose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.Trainer;

/**
 * ROSE selectors inside the real training loop on a generated 2-layer RoBERTa (16 eligible tensors): the number of
 * tensors kept per step is the quantile rule's ⌊(U/100)(n−1)⌋+1 (distinct saliencies: 10 of 16 for U = 60, 13 for
 * U = 80), the second-order mask is all ones on step 1, and training stays finite.
 */
class RoseTrainingTest {

    @ParameterizedTest
    @CsvSource({"rose-first,60,0.625,0.625", "rose-second,60,1.0,0.625", "rose-ensemble,60,0.625,-1",
            "vanilla+rose-first,80,0.8125,0.8125"})
    void selectorsKeepTheQuantileRuleCount(String method, int upper, double firstStepKept, double laterKept,
            @TempDir Path dir) throws Exception {
        long seed = 7;
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), seed);
        List<Example> train = new ArrayList<>();
        String[] texts = {"he is the", "the hen", "is he", "the the he", "he he", "is the hen"};
        for (int i = 0; i < 12; i++) {
            train.add(new Example(i, texts[i % texts.length], null, i % 2));
        }
        MethodSetup setup = MethodRegistry.load().setup(method, Map.of("upper", Integer.toString(upper)));
        TrainConfig config = TrainConfig.builder().optEpochs(2).optBatchSize(4).optLearningRate(1e-3).optSeed(seed)
                .optMaxLength(16).build();
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"), 16, seed)) {
            Trainer.Result r = new Trainer(config, dir.resolve("out"), new ObjectMapper().createObjectNode())
                    .train(model, setup, train, train.subList(0, 4));
            assertTrue(Double.isFinite(r.epochs().get(1).meanLoss()), "finite loss; reproduce with seed " + seed);
        }
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(Trainer.SELECTION_LOG));
        assertEquals(6, lines.size(), "one diagnostics line per step");
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = json.readTree(lines.get(i));
            assertEquals(16, n.get("eligible").asInt());
            double kept = n.get("kept_fraction").asDouble();
            if (i == 0) {
                assertEquals(firstStepKept, kept, 1e-9, method + " step 1");
                if (method.equals("rose-ensemble")) {
                    // step 1: M² is all ones, so M = (1-γ) + γ·M¹ and the mean is 0.5 + 0.5·10/16
                    assertEquals(0.8125, n.get("mean_mask").asDouble(), 1e-9);
                }
            } else if (laterKept >= 0) {
                assertEquals(laterKept, kept, 1e-9, method + " step " + (i + 1));
            } else {
                // ensemble: kept (mask 1) only where both masks keep; mean mask is (1-γ)·k2 + γ·k1 averaged
                double meanMask = n.get("mean_mask").asDouble();
                assertTrue(meanMask > 0.25 && meanMask <= 1.0, "mean mask " + meanMask);
            }
        }
    }

    /** During the mask warm-up AdamW ignores M¹, so the KL probe is skipped and the logged M¹ is all ones. */
    @org.junit.jupiter.api.Test
    void firstOrderProbeIsSkippedDuringTheMaskWarmup(@TempDir Path dir) throws Exception {
        long seed = 7;
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), seed);
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            train.add(new Example(i, i % 2 == 0 ? "he is the" : "the hen", null, i % 2));
        }
        MethodSetup setup = MethodRegistry.load().setup("rose-first", Map.of("upper", "60"));
        TrainConfig config = TrainConfig.builder().optEpochs(2).optBatchSize(4).optLearningRate(1e-3).optSeed(seed)
                .optMaxLength(16).optWarmupSteps(2).build();
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"), 16, seed)) {
            new Trainer(config, dir.resolve("out"), new ObjectMapper().createObjectNode()).train(model, setup, train, List.of());
        }
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(Trainer.SELECTION_LOG));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            double kept = json.readTree(lines.get(i)).get("kept_fraction").asDouble();
            assertEquals(i < 2 ? 1.0 : 0.625, kept, 1e-9, "step " + (i + 1));
        }
    }
}
