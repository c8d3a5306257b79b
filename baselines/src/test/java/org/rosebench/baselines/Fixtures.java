package org.rosebench.baselines;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingContext;
import org.rosebench.core.train.TrainingStepper;

/** Shared test fixtures: the generated 2-layer RoBERTa from core's test-jar, tiny data sets, seeds. */
final class Fixtures {

    static final String[] TEXTS = {"he is the", "the hen", "is he", "the the he", "he he", "is the hen", "hen is he"};

    private Fixtures() {}

    /**
     * The seed of a seeded test: {@code -Dtests.seed=N} overrides the default, so a failure printed as
     * "reproduce with -Dtests.seed=N" can be replayed.
     */
    static long seed(long dflt) {
        String s = System.getProperty("tests.seed");
        return s == null || s.isBlank() ? dflt : Long.parseLong(s.trim());
    }

    static String reproduce(long seed) {
        return " (reproduce with -Dtests.seed=" + seed + ")";
    }

    static SequenceClassifier tinyModel(Path dir, long seed) throws IOException {
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny-roberta"), seed);
        return SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("neg", "pos"), 16, seed);
    }

    /** n single-sentence examples cycling through {@link #TEXTS}, labels 0 0 1 1 0 0 ... */
    static List<Example> examples(int n) {
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Example(i, TEXTS[i % TEXTS.length], null, (i / 2) % 2));
        }
        return out;
    }

    /**
     * A training context for calling a method's prepare/forward/afterBackward outside the trainer, via the public
     * {@link TrainingStepper} (which also switches the model's gradients on).
     */
    static TrainingContext context(SequenceClassifier model, TrainConfig config, List<Example> train) {
        long steps = (long) config.epochs() * ((train.size() + config.batchSize() - 1) / config.batchSize());
        try (TrainingStepper stepper = new TrainingStepper(model, new MethodSetup(method("vanilla", Map.of()), null),
                config, train, steps)) {
            return stepper.context();
        }
    }

    static FineTuningMethod method(String name, Map<String, String> params) {
        return MethodRegistry.load().create(name, params);
    }

    /** Copies of every parameter's current gradient, by name, as float[] (the gradient buffers are reused). */
    static Map<String, float[]> gradients(SequenceClassifier model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.weights().asMap().entrySet()) {
            out.put(e.getKey(), e.getValue().getGradient().toFloatArray());
        }
        return out;
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
