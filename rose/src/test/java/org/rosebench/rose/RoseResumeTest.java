package org.rosebench.rose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.ResumeRuns;
import org.rosebench.core.train.TrainConfig;

/**
 * ROSE selectors (alone and on top of other objectives) interrupted at seeded random steps and resumed end
 * bit-identical to the uninterrupted run: weights, metrics, train.log, checkpoints and the per-step
 * selection.jsonl. The masks start after a one-step warm-up, so resumed steps use M¹ and M².
 */
class RoseResumeTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rose-second", "rose-ensemble", "rose-first", "r3f+rose-ensemble",
        "childtuning-d+rose-second"})
    void interruptedRunEndsBitIdentical(String spec, @TempDir Path dir) throws Exception {
        long seed = ResumeRuns.seed(System.nanoTime() % 10_000);
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 7);
        ResumeRuns.Factory f = new ResumeRuns.Factory() {
            @Override
            public SequenceClassifier model() throws IOException {
                return SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"), 16, 7);
            }

            @Override
            public MethodSetup setup() {
                return MethodRegistry.load().setup(spec, new LinkedHashMap<>());
            }
        };
        String[] texts = {"he is the", "the hen", "is he", "the the he", "he he", "is the hen", "hen he is"};
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            train.add(new Example(i, texts[i % texts.length], null, (i / 2) % 2));
        }
        TrainConfig config = TrainConfig.builder().optEpochs(3).optBatchSize(4).optLearningRate(2e-3).optSeed(7)
                .optMaxLength(16).optLogEverySteps(2).optWarmupSteps(1).build();
        List<Example> dev = train.subList(0, 5);
        ResumeRuns.Outcome expected = ResumeRuns.uninterrupted(f, config, train, dev, dir.resolve("a"));
        List<ResumeRuns.Interruption> stops = ResumeRuns.randomInterruptions(seed, 9);
        ResumeRuns.Outcome actual = ResumeRuns.interrupted(f, config, train, dev, dir.resolve("b"), 2, stops);
        ResumeRuns.assertSameOutcome(expected, actual, spec + ", interruptions " + stops + ResumeRuns.reproduce(seed));
    }
}
