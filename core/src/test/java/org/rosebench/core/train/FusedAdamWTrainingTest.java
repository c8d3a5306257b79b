package org.rosebench.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

/**
 * Training steps with the fused AdamW kernel end byte for byte where the libtorch ops end: two copies of a tiny
 * RoBERTa trained on the same batches with the same dropout seeds, real gradients from backward, clipping on, and
 * masks that freeze, scale and keep tensors in turn; every weight and both moments compared after every step.
 */
class FusedAdamWTrainingTest {

    private static final long SEED = 5;
    private static final int STEPS = 4;

    @Test
    void trainedWeightsAndMomentsAreByteIdentical(@TempDir Path dir) throws Exception {
        System.setProperty("rose.progress", "false");
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), SEED);
        List<Example> rows = List.of(new Example(0, "he is the hen", null, 0), new Example(1, "the he", null, 1),
                new Example(2, "is the the hen he", null, 1), new Example(3, "hen is he", null, 0));
        TrainConfig config = TrainConfig.builder().optSeed(SEED).optMaxLength(16).build();
        try (SequenceClassifier fusedModel = load(ckpt); SequenceClassifier opsModel = load(ckpt);
                TrainingStepper fused = stepper(fusedModel, config, rows, AdamW.Kernel.FUSED);
                TrainingStepper ops = stepper(opsModel, config, rows, AdamW.Kernel.OPS)) {
            assertEquals(AdamW.Kernel.FUSED, fused.optimizer().kernel());
            assertEquals(AdamW.Kernel.OPS, ops.optimizer().kernel());
            for (int step = 1; step <= STEPS; step++) {
                List<Example> batch = step % 2 == 0 ? rows.subList(0, 3) : rows;
                Djl.seed(SEED + step);
                float fusedLoss = fused.step(batch, step, 1, 1e-3);
                Djl.seed(SEED + step);
                float opsLoss = ops.step(batch, step, 1, 1e-3);
                assertEquals(Float.floatToRawIntBits(opsLoss), Float.floatToRawIntBits(fusedLoss), "loss, step " + step);
                for (Param p : ops.params()) {
                    String where = p.name() + " after step " + step;
                    assertSameBytes(p.value(), fusedModel.weights().get(p.name()), "weight " + where);
                    assertSameBytes(ops.optimizer().firstMoment(p.name()), fused.optimizer().firstMoment(p.name()),
                            "exp_avg " + where);
                    assertSameBytes(ops.optimizer().secondMoment(p.name()),
                            fused.optimizer().secondMoment(p.name()), "exp_avg_sq " + where);
                }
            }
            Param table = ops.params().stream().filter(p -> p.name().contains("word_embeddings")).findFirst()
                    .orElseThrow();
            assertTrue(ops.optimizer().stepCount(table.name()) == STEPS, "the table was updated every step");
        }
    }

    private static TrainingStepper stepper(SequenceClassifier model, TrainConfig config, List<Example> rows,
            AdamW.Kernel kernel) {
        String previous = System.getProperty(AdamW.Kernel.PROPERTY);
        System.setProperty(AdamW.Kernel.PROPERTY, kernel.name());
        try {
            return new TrainingStepper(model, new MethodSetup(new ProbeGradientPathTest.OnePassCe(),
                    new CyclingMasks()), config, rows, STEPS);
        } finally {
            if (previous == null) {
                System.clearProperty(AdamW.Kernel.PROPERTY);
            } else {
                System.setProperty(AdamW.Kernel.PROPERTY, previous);
            }
        }
    }

    private static SequenceClassifier load(Path ckpt) {
        return SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"), 16, SEED);
    }

    /** Masks 0, 0.5, 1, 0.25 over the eligible tensors, shifted by one each step. */
    static final class CyclingMasks implements UpdateSelector {
        private static final float[] VALUES = {0f, 0.5f, 1f, 0.25f};
        private int calls;

        @Override
        public String name() {
            return "cycling-masks";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer) {
            Map<String, Float> values = new LinkedHashMap<>();
            int i = calls++;
            for (Param p : params) {
                if (p.eligible()) {
                    values.put(p.name(), VALUES[i++ % VALUES.length]);
                }
            }
            return TensorMasks.of(values);
        }
    }

    private static void assertSameBytes(NDArray expected, NDArray actual, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        int[] eb = new int[e.length];
        int[] ab = new int[a.length];
        Arrays.setAll(eb, i -> Float.floatToRawIntBits(e[i]));
        Arrays.setAll(ab, i -> Float.floatToRawIntBits(a[i]));
        if (!Arrays.equals(eb, ab)) {
            List<Integer> differing = new ArrayList<>();
            for (int i = 0; i < Math.min(e.length, a.length) && differing.size() < 5; i++) {
                if (eb[i] != ab[i]) {
                    differing.add(i);
                }
            }
            throw new AssertionError(what + ": bits differ at indices " + differing + " (seed " + SEED + ")");
        }
    }
}
