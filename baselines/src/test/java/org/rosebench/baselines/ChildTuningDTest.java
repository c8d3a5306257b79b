package org.rosebench.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.Losses;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingContext;

/**
 * ChildTuning-D: numpy's percentile, the Fisher mask against an independent recomputation in Java doubles, the
 * gradient masking, and the masks' lifetime.
 */
class ChildTuningDTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    private static ChildTuningD childTuning(Map<String, String> params) {
        return (ChildTuningD) Fixtures.method("childtuning-d", params);
    }

    // ---- percentile --------------------------------------------------------------------------------------------

    @Test
    void percentileMatchesNumpyLinearInterpolation() {
        float[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // values from numpy (2.4.6): np.percentile(a, q)
        assertEquals(7.3, ChildTuningD.percentile(oneToTen, 70), 1e-12);
        assertEquals(5.5, ChildTuningD.percentile(oneToTen, 50), 1e-12);
        assertEquals(1.0, ChildTuningD.percentile(oneToTen, 0), 0);
        assertEquals(10.0, ChildTuningD.percentile(oneToTen, 100), 0);
        assertEquals(9.91, ChildTuningD.percentile(oneToTen, 99), 1e-12);
        assertEquals(1.5, ChildTuningD.percentile(new float[] {3, 1, 2}, 25), 1e-12);
        assertEquals(2.332, ChildTuningD.percentile(new float[] {5, 1, 4, 2, 3}, 33.3), 1e-12);
        assertEquals(0.475, ChildTuningD.percentile(new float[] {0.5f, 0.25f}, 90), 1e-12);
        assertEquals(1.0, ChildTuningD.percentile(new float[] {1, 1, 1, 2}, 50), 0); // ties
        assertEquals(4.0, ChildTuningD.percentile(new float[] {4}, 70), 0);
        // np.percentile(np.float32([0.1, 0.2, 0.7]), 70) == 0.4 up to float32 rounding of the inputs
        assertEquals(0.4, ChildTuningD.percentile(new float[] {0.7f, 0.1f, 0.2f}, 70), 1e-7);
        assertTrue(Double.isNaN(ChildTuningD.percentile(new float[] {1, Float.NaN, 3}, 50)), "NaN propagates");
        // v = np.array([((i*7919) % 1000) / 997.0 for i in range(1000)], dtype=np.float32); numpy 2.4.6 gives
        // np.percentile(v.astype(np.float64), q) (what numpy 1.x computed for float32 input) and, in float32,
        // np.percentile(v, q); the Fisher mask compares against the threshold rounded to float32, as torch does
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (((i * 7919L) % 1000) / 997.0);
        }
        double[][] numpy = {{70, 0.7014042198657989, 0.7014042139053345}, {33.3, 0.33366800999641416, 0.3336680233478546},
            {99.9, 1.0010040299892426, 1.0010039806365967}, {12.5, 0.12525075860321522, 0.12525075674057007}};
        for (double[] row : numpy) {
            double got = ChildTuningD.percentile(v, row[0]);
            assertEquals(row[1], got, 1e-15, "q = " + row[0]);
            assertEquals((float) row[2], (float) got, "q = " + row[0] + " in float32");
        }
        float[] input = {3, 1, 2};
        ChildTuningD.percentile(input, 50);
        assertArrayEquals(new float[] {3, 1, 2}, input, "percentile must not reorder its input");
        assertThrows(IllegalArgumentException.class, () -> ChildTuningD.percentile(new float[0], 50));
        assertThrows(IllegalArgumentException.class, () -> ChildTuningD.percentile(oneToTen, 101));
    }

    // ---- Fisher mask against an independent recomputation ----------------------------------------------------

    /** Hand-written numpy linear percentile over doubles (independent of the implementation under test). */
    private static double handPercentile(double[] sorted, double q) {
        double idx = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(idx);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (idx - lo);
    }

    @Test
    void fisherMaskMatchesAnIndependentRecomputation(@TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(21L);
        double reserveP = 0.3;
        double maxNorm = 3e-4; // small enough that some tensors are clipped, large enough that some are not
        int batchSize = 3;
        List<Example> train = Fixtures.examples(8); // 3 batches, the last one partial (drop_last = False)
        TrainConfig config = TrainConfig.builder().optSeed(seed).optBatchSize(batchSize).optMaxGradNorm(maxNorm)
                .build();
        try (SequenceClassifier model = Fixtures.tinyModel(dir, seed)) {
            model.weights().setRequiresGradient(true);
            TrainingContext ctx = Fixtures.context(model, config, train);
            ChildTuningD method = childTuning(Map.of("reserve_p", Double.toString(reserveP)));

            Djl.seed(seed);
            method.prepare(ctx);
            Map<String, float[]> masks = new LinkedHashMap<>();
            method.masks().forEach((k, v) -> masks.put(k, v.toFloatArray()));

            // every parameter gradient is zero after the pass (the first training step must start clean)
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Fixtures.gradients(model).forEach((name, g) -> assertEquals(0, Fixtures.norm(g), 0, name));
            }

            // independent recomputation: same engine seed (dropout masks), same documented shuffle seed
            Djl.seed(seed);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed ^ ChildTuningD.FISHER_SHUFFLE_SALT));
            int n = (train.size() + batchSize - 1) / batchSize;
            assertEquals(3, n);
            Map<String, double[]> fisher = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : model.weights().asMap().entrySet()) {
                if (e.getKey().contains("layer")) {
                    fisher.put(e.getKey(), new double[(int) e.getValue().size()]);
                }
            }
            int clipped = 0;
            int unclipped = 0;
            NDManager m = model.manager();
            for (int b = 0; b < n; b++) {
                List<String> texts = new ArrayList<>();
                int[] labels = new int[Math.min(train.size(), (b + 1) * batchSize) - b * batchSize];
                for (int i = b * batchSize; i < b * batchSize + labels.length; i++) {
                    texts.add(train.get(order.get(i)).textA());
                    labels[i - b * batchSize] = train.get(order.get(i)).label();
                }
                EncodedBatch enc = model.tokenizer().encode(texts, null);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    try (GradientCollector c = Djl.engine().newGradientCollector()) {
                        NDArray logits = model.logits(enc, m, Dropouts.train(model.config()));
                        c.backward(Losses.crossEntropy(logits, m.create(labels)));
                    }
                    for (Map.Entry<String, double[]> e : fisher.entrySet()) {
                        float[] g = model.weights().get(e.getKey()).getGradient().toFloatArray();
                        double norm = Fixtures.norm(g);
                        double coef = maxNorm / (norm + 1e-6);
                        if (coef < 1) {
                            clipped++;
                        } else {
                            unclipped++;
                            coef = 1;
                        }
                        double[] acc = e.getValue();
                        for (int i = 0; i < g.length; i++) {
                            double v = g[i] * coef;
                            acc[i] += v * v / n;
                        }
                    }
                    for (NDArray w : model.weights().asMap().values()) {
                        JniUtils.zeroGrad((PtNDArray) w);
                    }
                }
            }
            assertTrue(clipped > 0 && unclipped > 0, "test setup: per-tensor clipping should be exercised both ways"
                    + " (clipped " + clipped + ", not " + unclipped + ")" + Fixtures.reproduce(seed));

            // the implementation's Fisher itself (same seeds again) agrees with the doubles
            Djl.seed(seed);
            Map<String, NDArray> implFisher = ChildTuningD.empiricalFisher(model, train, batchSize,
                    seed ^ ChildTuningD.FISHER_SHUFFLE_SALT, maxNorm, Dropouts.train(model.config()), 1);
            try {
                assertEquals(fisher.keySet(), implFisher.keySet(), "child tensors are those named *layer*");
                for (Map.Entry<String, double[]> e : fisher.entrySet()) {
                    float[] got = implFisher.get(e.getKey()).toFloatArray();
                    double[] want = e.getValue();
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 1e-4 * want[i] + 1e-12, e.getKey() + "[" + i + "]"
                                + Fixtures.reproduce(seed));
                    }
                }
            } finally {
                implFisher.values().forEach(NDArray::close);
            }

            // percentile and mask by hand
            double[] pooled = fisher.values().stream().flatMapToDouble(Arrays::stream).toArray();
            double[] sorted = pooled.clone();
            Arrays.sort(sorted);
            double threshold = handPercentile(sorted, (1 - reserveP) * 100);
            assertEquals(threshold, method.stats().threshold(), 1e-4 * threshold, "threshold" + Fixtures.reproduce(seed));
            assertEquals(masks.keySet(), fisher.keySet());
            int near = 0;
            long kept = 0;
            for (Map.Entry<String, double[]> e : fisher.entrySet()) {
                float[] mask = masks.get(e.getKey());
                double[] f = e.getValue();
                assertEquals(f.length, mask.length);
                for (int i = 0; i < f.length; i++) {
                    assertTrue(mask[i] == 0f || mask[i] == 1f, "mask values are 0/1");
                    kept += (long) mask[i];
                    if (Math.abs(f[i] - threshold) <= 1e-4 * threshold) {
                        near++; // float32 vs double rounding may legitimately decide these either way
                        continue;
                    }
                    assertEquals(f[i] >= threshold ? 1f : 0f, mask[i], e.getKey() + "[" + i + "] Fisher " + f[i]
                            + " vs threshold " + threshold + Fixtures.reproduce(seed));
                }
            }
            assertTrue(near <= 2, near + " entries within rounding of the threshold" + Fixtures.reproduce(seed));
            assertEquals(kept, method.stats().kept());
            assertEquals(pooled.length, method.stats().entries());
            // distinct values: kept = n - floor(0.7 (n-1)) - 1, i.e. about p
            assertEquals(reserveP, method.stats().keptFraction(), 2.0 / pooled.length + 1e-9,
                    "kept fraction" + Fixtures.reproduce(seed));
        }
    }

    // ---- masking the gradients ---------------------------------------------------------------------------------

    private static Map<String, NDArray> randomGradients(SequenceClassifier model, float scale) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.weights().asMap().entrySet()) {
            grads.put(e.getKey(), model.manager().randomNormal(0f, scale, e.getValue().getShape(), DataType.FLOAT32));
        }
        return grads;
    }

    private static Map<String, float[]> snapshot(Map<String, NDArray> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    @Test
    void afterBackwardZeroesExactlyTheUnmaskedEntries(@TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(33L);
        List<Example> train = Fixtures.examples(6);
        TrainConfig config = TrainConfig.builder().optSeed(seed).optBatchSize(4).optMaxGradNorm(1.0).build();
        try (SequenceClassifier model = Fixtures.tinyModel(dir, seed)) {
            model.weights().setRequiresGradient(true);
            TrainingContext ctx = Fixtures.context(model, config, train);
            ChildTuningD maskFirst = childTuning(Map.of("clip_before_mask", "false"));
            ChildTuningD clipFirst = childTuning(Map.of());
            assertThrows(IllegalStateException.class, () -> clipFirst.afterBackward(ctx, Map.of()),
                    "no mask before prepare");
            try (NDScope scope = new NDScope()) { // like the trainer's step scope: the masks must outlive it
                scope.suppressNotUsedWarning();
                Djl.seed(seed);
                maskFirst.prepare(ctx);
                Djl.seed(seed);
                clipFirst.prepare(ctx);
            }
            Map<String, float[]> masks = new LinkedHashMap<>();
            maskFirst.masks().forEach((k, v) -> masks.put(k, v.toFloatArray())); // would throw if freed
            Map<String, float[]> masks2 = new LinkedHashMap<>();
            clipFirst.masks().forEach((k, v) -> masks2.put(k, v.toFloatArray()));
            for (String k : masks.keySet()) {
                assertArrayEquals(masks.get(k), masks2.get(k), "same seed, same mask: " + k);
            }
            for (String name : model.weights().names()) {
                assertEquals(name.contains("layer"), masks.containsKey(name), name);
            }
            assertFalse(masks.containsKey("roberta.embeddings.LayerNorm.weight"), "capital-L LayerNorm is no child");

            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                // mask first: exactly g where mask = 1, 0 where mask = 0, other tensors untouched (no clipping here)
                Map<String, NDArray> grads = randomGradients(model, 10f);
                Map<String, float[]> before = snapshot(grads);
                maskFirst.afterBackward(ctx, grads);
                Map<String, float[]> after = snapshot(grads);
                int zeroed = 0;
                for (String name : before.keySet()) {
                    float[] b = before.get(name);
                    float[] a = after.get(name);
                    float[] mask = masks.get(name);
                    for (int i = 0; i < b.length; i++) {
                        float want = mask == null || mask[i] == 1f ? b[i] : 0f;
                        assertEquals(want, a[i], 0f, name + "[" + i + "]");
                        if (mask != null && mask[i] == 0f) {
                            zeroed++;
                        }
                    }
                }
                assertTrue(zeroed > 0, "some entries are masked");

                // clip first (reference order): scale all by max/(total + 1e-6) of the unmasked gradients, then mask
                grads = randomGradients(model, 10f);
                before = snapshot(grads);
                double total = 0;
                for (float[] b : before.values()) {
                    total += Math.pow(Fixtures.norm(b), 2);
                }
                total = Math.sqrt(total);
                double coef = 1.0 / (total + 1e-6);
                assertTrue(coef < 1, "test setup: the random gradients must be clipped");
                clipFirst.afterBackward(ctx, grads);
                after = snapshot(grads);
                for (String name : before.keySet()) {
                    float[] b = before.get(name);
                    float[] a = after.get(name);
                    float[] mask = masks.get(name);
                    for (int i = 0; i < b.length; i++) {
                        double want = mask == null || mask[i] == 1f ? b[i] * coef : 0;
                        assertEquals(want, a[i], 1e-5 * Math.abs(want) + 1e-9, name + "[" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void reserveProportionIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> childTuning(Map.of("reserve_p", "0")));
        assertThrows(IllegalArgumentException.class, () -> childTuning(Map.of("reserve_p", "1.5")));
        assertEquals("0.3", childTuning(Map.of()).parameters().get("reserve_p"));
    }
}
