package org.rosebench.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingStepper;

/** ChildTuning-F's per-step Bernoulli(p)/p gradient mask, and where it sits relative to gradient clipping. */
class ChildTuningFTest {

    @Test
    void masksAreBernoulliOverP() {
        long seed = Fixtures.seed(17L);
        double p = 0.3;
        try (NDManager m = Djl.newManager()) {
            Djl.seed(seed);
            NDArray a = m.full(new Shape(200, 500), 2f, DataType.FLOAT32);
            NDArray b = m.full(new Shape(1000), -1f, DataType.FLOAT32);
            ChildTuningF.applyRandomMasks(java.util.Arrays.asList(a, null, b), p);
            float keptValue = (float) (2f * (1f / (float) p));
            long kept = 0;
            for (float x : a.toFloatArray()) {
                assertTrue(x == 0f || Math.abs(x - keptValue) <= 1e-6f * keptValue, "entry " + x);
                kept += x != 0f ? 1 : 0;
            }
            // 100 000 Bernoulli(0.3) draws: sd of the fraction ~ 0.0014
            assertEquals(p, kept / 100_000.0, 0.01, "kept fraction" + Fixtures.reproduce(seed));
            for (float x : b.toFloatArray()) {
                assertTrue(x == 0f || Math.abs(x + 1f / (float) p) <= 1e-6f, "entry " + x);
            }
        }
    }

    @Test
    void parametersAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.method("childtuning-f", Map.of("reserve_p", "0")));
        assertEquals(List.of("reserve_p", "clip_before_mask"),
                List.copyOf(Fixtures.method("childtuning-f", Map.of()).parameters().keySet()));
    }

    /**
     * The reference order: the HF Trainer clips the global norm once ({@code clip_grad_norm_}), then
     * {@code ChildTuningAdamW.step} multiplies each gradient by {@code mask / p}; nothing clips again. Checked on a
     * real training step (tiny model, dropout off) against a hand computation: the raw gradients come from the same
     * step without the method and without clipping, the mask from the same engine seed (the mask is the step's
     * only random draw), and clipping and masking are done here in double arithmetic. With
     * {@code clip_before_mask=false} the masked, rescaled gradients are clipped instead.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void clipsOnceThenMasksAsTheReference(boolean clipBeforeMask, @TempDir Path dir) throws Exception {
        System.setProperty("rose.progress", "false");
        long seed = Fixtures.seed(23L);
        double p = 0.3;
        double maxNorm = 0.002; // the raw gradient norm is about 0.008
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), seed, false);
        List<Example> rows = Fixtures.examples(4);

        Recorder plain = gradientsGivenToAdamW(ckpt, seed, Fixtures.method("vanilla", Map.of()), 0, rows);
        Map<String, float[]> raw = plain.gradients;
        FineTuningMethod method = Fixtures.method("childtuning-f", Map.of("reserve_p", Double.toString(p),
                "clip_before_mask", Boolean.toString(clipBeforeMask)));
        Map<String, float[]> actual = gradientsGivenToAdamW(ckpt, seed, method, maxNorm, rows).gradients;

        // the masks: the same uniform draws, tensor by tensor in optimiser order, as applyRandomMasks makes them
        Map<String, boolean[]> keep = new LinkedHashMap<>();
        try (NDManager m = Djl.newManager()) {
            Djl.seed(seed);
            for (Map.Entry<String, float[]> e : raw.entrySet()) {
                float[] u = m.randomUniform(0f, 1f, plain.shapes.get(e.getKey()), DataType.FLOAT32).toFloatArray();
                boolean[] k = new boolean[u.length];
                for (int i = 0; i < u.length; i++) {
                    k[i] = u[i] < (float) p;
                }
                keep.put(e.getKey(), k);
            }
        }

        // by hand, in double
        Map<String, double[]> expected = new LinkedHashMap<>();
        double rawNorm = 0;
        for (float[] g : raw.values()) {
            for (float x : g) {
                rawNorm += (double) x * x;
            }
        }
        rawNorm = Math.sqrt(rawNorm);
        assertTrue(rawNorm > 2 * maxNorm, "test setup: clipping is active (raw norm " + rawNorm + ")");
        if (clipBeforeMask) {
            double coef = Math.min(1, maxNorm / (rawNorm + 1e-6));
            raw.forEach((name, g) -> {
                boolean[] k = keep.get(name);
                double[] out = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    out[i] = k[i] ? g[i] * coef / p : 0;
                }
                expected.put(name, out);
            });
        } else {
            double maskedNorm = 0;
            for (Map.Entry<String, float[]> e : raw.entrySet()) {
                boolean[] k = keep.get(e.getKey());
                double[] out = new double[e.getValue().length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = k[i] ? e.getValue()[i] / p : 0;
                    maskedNorm += out[i] * out[i];
                }
                expected.put(e.getKey(), out);
            }
            double coef = Math.min(1, maxNorm / (Math.sqrt(maskedNorm) + 1e-6));
            expected.values().forEach(v -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] *= coef;
                }
            });
        }

        double finalNorm = 0;
        double handNorm = 0;
        long kept = 0;
        long entries = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            double[] want = e.getValue();
            float[] got = actual.get(e.getKey());
            double scale = 0;
            for (double x : want) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5 * scale + 1e-12, e.getKey() + "[" + i + "]" + Fixtures.reproduce(seed));
                finalNorm += (double) got[i] * got[i];
                handNorm += want[i] * want[i];
                kept += keep.get(e.getKey())[i] ? 1 : 0;
                entries++;
            }
        }
        finalNorm = Math.sqrt(finalNorm);
        handNorm = Math.sqrt(handNorm);
        assertEquals(p, (double) kept / entries, 0.05, "kept fraction" + Fixtures.reproduce(seed));
        assertEquals(handNorm, finalNorm, 1e-5 * handNorm);
        if (clipBeforeMask) {
            // the rescaled mask raises the norm above the clipping threshold (E‖m⊙g/p‖² = ‖g‖²/p); version 1 clipped
            // it back to max_grad_norm, so this case tells the two orders apart
            assertTrue(handNorm > 1.1 * maxNorm, "test setup: the masked gradients' norm " + handNorm
                    + " exceeds max_grad_norm" + Fixtures.reproduce(seed));
        } else {
            assertTrue(finalNorm <= maxNorm, "the masked gradients are clipped: norm " + finalNorm);
        }
    }

    @Test
    void versionTwoForTheClippingOrderFix() {
        assertEquals("2", org.rosebench.core.method.MethodRegistry.load().get("childtuning-f").version());
    }

    /** One training step of {@code method} on a fresh copy of the model; the gradients AdamW received, by name. */
    private static Recorder gradientsGivenToAdamW(Path ckpt, long seed, FineTuningMethod method,
            double maxNorm, List<Example> rows) {
        TrainConfig config = TrainConfig.builder().optBatchSize(rows.size()).optSeed(seed).optMaxLength(16)
                .optMaxGradNorm(maxNorm).build();
        Recorder recorder = new Recorder();
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("neg", "pos"),
                16, seed);
                TrainingStepper stepper = new TrainingStepper(model, new MethodSetup(method, recorder), config, rows,
                        1)) {
            Djl.seed(seed);
            stepper.prepare();
            stepper.step(rows, 1, 1, 1e-3);
        }
        return recorder;
    }

    /** Records the gradients the optimiser is about to use; selects nothing. */
    static final class Recorder implements UpdateSelector {
        final Map<String, float[]> gradients = new LinkedHashMap<>();
        final Map<String, Shape> shapes = new LinkedHashMap<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public TensorMasks select(List<Param> params, List<NDArray> grads, AdamW optimizer) {
            for (int i = 0; i < params.size(); i++) {
                gradients.put(params.get(i).name(), grads.get(i).toFloatArray());
                shapes.put(params.get(i).name(), params.get(i).value().getShape());
            }
            return TensorMasks.none();
        }
    }
}
