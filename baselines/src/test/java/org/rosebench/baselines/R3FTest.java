package org.rosebench.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;

/** R3F (fairseq rxf): the loss formula, the noise distributions, and where the noisy branch's gradient goes. */
class R3FTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    private static R3F r3f(double lambda, double eps, String noise) {
        return (R3F) Fixtures.method("r3f", Map.of("lambda", Double.toString(lambda), "eps", Double.toString(eps),
                "noise", noise));
    }

    // ---- loss formula ------------------------------------------------------------------------------------------

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** KL(p‖q) = Σ p log(p/q). */
    private static double kl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * Math.log(p[i] / q[i]);
        }
        return s;
    }

    @Test
    void lossIsMeanCleanCePlusLambdaTimesMeanSymmetricKlWithoutHalf() {
        double[][] clean = {{1.0, -0.5, 0.2}, {0.3, 0.3, -1.2}, {-2.0, 0.7, 1.1}};
        double[][] noisy = {{0.9, -0.4, 0.25}, {0.1, 0.5, -1.0}, {-1.5, 0.2, 1.6}};
        int[] labels = {0, 2, 1};
        double lambda = 0.7;
        double ce = 0;
        double skl = 0;
        double[] sklRows = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] pc = softmax(clean[i]);
            double[] pn = softmax(noisy[i]);
            ce += -Math.log(pc[labels[i]]);
            sklRows[i] = kl(pc, pn) + kl(pn, pc);
            skl += sklRows[i];
        }
        double expected = ce / 3 + lambda * skl / 3;
        try (NDManager m = Djl.newManager()) {
            NDArray c = m.create(toFloat(clean), new Shape(3, 3));
            NDArray n = m.create(toFloat(noisy), new Shape(3, 3));
            NDArray y = m.create(labels);
            assertEquals(expected, R3F.loss(c, n, y, lambda).getFloat(), 1e-6);
            float[] rows = R3F.symmetricKl(c, n).toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(sklRows[i], rows[i], 1e-7, "symmetric KL row " + i + " (sum of both directions, no 1/2)");
            }
            // symmetric in its arguments, zero for identical logits
            assertArrayEquals(rows, R3F.symmetricKl(n, c).toFloatArray(), 1e-7f);
            assertEquals(0f, R3F.symmetricKl(c, c).sum().getFloat(), 1e-7f);
            // lambda = 0 leaves the mean CE of the clean logits only
            assertEquals(ce / 3, R3F.loss(c, n, y, 0).getFloat(), 1e-6);
        }
    }

    private static float[] toFloat(double[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        int k = 0;
        for (double[] r : rows) {
            for (double v : r) {
                out[k++] = (float) v;
            }
        }
        return out;
    }

    /**
     * DJL 0.36 turns a Java Number operand ({@code x.mul(0.7f)}) into a tensor over a direct ByteBuffer and closes
     * it right after the op, while autograd keeps it for the backward; a GC in between frees it and the backward reads
     * garbage. R3F's λ must not be such an operand: the gradient must survive a forced GC before the backward.
     */
    @Test
    void scalarOperandsSurviveGarbageCollection() {
        try (NDManager m = Djl.newManager()) {
            NDArray c = m.create(new float[] {1.0f, -0.5f, 0.2f, 0.3f, 0.3f, -1.2f}, new Shape(2, 3));
            NDArray n = m.create(new float[] {0.9f, -0.4f, 0.25f, 0.1f, 0.5f, -1.0f}, new Shape(2, 3));
            NDArray y = m.create(new int[] {0, 2});
            c.setRequiresGradient(true);
            n.setRequiresGradient(true);
            float[] reference = null;
            for (int run = 0; run < 20; run++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    try (GradientCollector gc = Djl.engine().newGradientCollector()) {
                        NDArray loss = R3F.loss(c, n, y, 0.7);
                        if (run > 0) {
                            System.gc();
                            for (int i = 0; i < 64; i++) {
                                java.nio.ByteBuffer.allocateDirect(64).putFloat(0, 1e30f); // reuse freed memory
                            }
                        }
                        gc.backward(loss);
                    }
                    float[] g = n.getGradient().toFloatArray();
                    if (reference == null) {
                        reference = g;
                    } else {
                        assertArrayEquals(reference, g, "gradient after a GC between forward and backward, run " + run);
                    }
                    JniUtils.zeroGrad((PtNDArray) c);
                    JniUtils.zeroGrad((PtNDArray) n);
                }
            }
        }
    }

    // ---- noise -------------------------------------------------------------------------------------------------

    private static double[] meanStd(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        double mean = s / v.length;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1))};
    }

    @Test
    void uniformNoiseIsBoundedByEpsAndNormalNoiseHasStdEps() {
        long seed = Fixtures.seed(3L);
        double eps = 1e-5;
        Shape shape = new Shape(32, 64, 128); // 262 144 samples
        try (NDManager m = Djl.newManager()) {
            Djl.seed(seed);
            float[] u = R3F.sampleNoise(m, shape, R3F.Noise.UNIFORM, eps).toFloatArray();
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float x : u) {
                assertTrue(Math.abs(x) <= (float) eps, "uniform sample " + x + " outside [-eps, eps]" + Fixtures.reproduce(seed));
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            assertTrue(min < -0.99 * eps && max > 0.99 * eps, "uniform noise spans (-eps, eps): " + min + " .. " + max
                    + Fixtures.reproduce(seed));
            double[] us = meanStd(u);
            // std of the sample mean is eps/sqrt(3n) ~ 0.0011 eps; U(-eps, eps) has std eps/sqrt(3)
            assertEquals(0, us[0], 0.01 * eps, "uniform mean" + Fixtures.reproduce(seed));
            assertEquals(eps / Math.sqrt(3), us[1], 0.02 * eps / Math.sqrt(3), "uniform std" + Fixtures.reproduce(seed));

            float[] g = R3F.sampleNoise(m, shape, R3F.Noise.NORMAL, eps).toFloatArray();
            double[] gs = meanStd(g);
            assertEquals(0, gs[0], 0.01 * eps, "normal mean" + Fixtures.reproduce(seed));
            assertEquals(eps, gs[1], 0.02 * eps, "normal std must be eps (N(0, eps^2))" + Fixtures.reproduce(seed));

            // the engine RNG drives the noise: the same seed gives the same noise
            Djl.seed(seed);
            assertArrayEquals(u, R3F.sampleNoise(m, shape, R3F.Noise.UNIFORM, eps).toFloatArray(),
                    "uniform noise is not reproducible from the engine seed");
        }
    }

    // ---- gradients on the tiny model ---------------------------------------------------------------------------

    private static TrainingBatch batch(SequenceClassifier model, List<Example> rows) {
        return org.rosebench.core.train.Trainer.encode(model, rows);
    }

    private static void zeroGradients(SequenceClassifier model) {
        for (NDArray w : model.weights().asMap().values()) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
    }

    @Test
    void noisyBranchNeverReachesTheWordEmbeddingTable(@TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(11L);
        try (SequenceClassifier model = Fixtures.tinyModel(dir, seed)) {
            model.weights().setRequiresGradient(true);
            R3F method = r3f(1.0, 1e-2, "uniform"); // a large eps, so any leak would be clearly non-zero
            TrainingBatch b = batch(model, Fixtures.examples(5));
            Dropouts d = Dropouts.train(model.config());
            String word = model.encoder().wordEmbeddingName();
            NDManager m = model.manager();
            Djl.seed(seed);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                // sanity: the clean branch does reach the table (so the test below can see a leak)
                try (GradientCollector c = Djl.engine().newGradientCollector()) {
                    c.backward(method.passes(model, b.inputs(), m, d).clean().sum());
                }
                Map<String, float[]> clean = Fixtures.gradients(model);
                assertTrue(Fixtures.norm(clean.get(word)) > 0, "clean pass gives the word embeddings a gradient");
                zeroGradients(model);

                try (GradientCollector c = Djl.engine().newGradientCollector()) {
                    R3F.Passes p = method.passes(model, b.inputs(), m, d);
                    assertTrue(p.noise().abs().max().getFloat() > 0, "noise was added");
                    c.backward(p.noisy().sum());
                }
                Map<String, float[]> noisy = Fixtures.gradients(model);
                float[] wordGrad = noisy.get(word);
                for (int i = 0; i < wordGrad.length; i++) {
                    assertEquals(0f, wordGrad[i], 0f, "word-embedding gradient entry " + i + " from the noisy branch"
                            + Fixtures.reproduce(seed));
                }
                for (String name : List.of("roberta.encoder.layer.0.attention.self.query.weight",
                        "roberta.encoder.layer.1.output.dense.weight", "roberta.embeddings.position_embeddings.weight",
                        "roberta.embeddings.LayerNorm.weight", "classifier.out_proj.weight")) {
                    assertTrue(Fixtures.norm(noisy.get(name)) > 0, name + " gets a gradient through the noisy branch"
                            + Fixtures.reproduce(seed));
                }
                zeroGradients(model);
            }
        }
    }

    @Test
    void lambdaZeroGivesVanillaGradientUnderTheSameDropoutSeed(@TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(5L);
        try (SequenceClassifier model = Fixtures.tinyModel(dir, seed)) {
            model.weights().setRequiresGradient(true);
            List<Example> rows = Fixtures.examples(6);
            TrainingContext ctx = Fixtures.context(model, TrainConfig.builder().optSeed(seed).build(), rows);
            TrainingBatch b = batch(model, rows);
            FineTuningMethod vanilla = Fixtures.method("vanilla", Map.of());
            FineTuningMethod r3f = r3f(0.0, 1e-5, "normal");
            FineTuningMethod r3fOne = r3f(1.0, 1e-5, "normal");

            float[] losses = new float[3];
            Map<String, float[]>[] grads = runs(model, ctx, b, seed, losses, vanilla, r3f, r3fOne);
            assertEquals(losses[0], losses[1], 0f, "lambda = 0: R3F loss is the vanilla CE" + Fixtures.reproduce(seed));
            for (String name : grads[0].keySet()) {
                assertArrayEquals(grads[0].get(name), grads[1].get(name), 1e-7f,
                        "lambda = 0 gradient of " + name + Fixtures.reproduce(seed));
            }
            // and lambda = 1 really changes the gradient (the KL term is live), while the loss differs by lambda*SKL >= 0
            assertTrue(losses[2] >= losses[0], "symmetric KL is non-negative");
            double diff = 0;
            for (String name : grads[0].keySet()) {
                float[] a = grads[0].get(name);
                float[] c = grads[2].get(name);
                for (int i = 0; i < a.length; i++) {
                    diff = Math.max(diff, Math.abs(a[i] - c[i]));
                }
            }
            assertTrue(diff > 0, "lambda = 1 gradient differs from vanilla" + Fixtures.reproduce(seed));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, float[]>[] runs(SequenceClassifier model, TrainingContext ctx, TrainingBatch b,
            long seed, float[] losses, FineTuningMethod... methods) {
        Map<String, float[]>[] out = new Map[methods.length];
        for (int k = 0; k < methods.length; k++) {
            Djl.seed(seed); // same dropout masks for the (first) clean pass
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                try (GradientCollector c = Djl.engine().newGradientCollector()) {
                    StepOutput o = methods[k].forward(ctx, b);
                    assertEquals(methods[k] instanceof R3F ? 2 : 1, o.passLogits().size());
                    c.backward(o.loss());
                    losses[k] = o.loss().getFloat();
                }
                out[k] = Fixtures.gradients(model);
                zeroGradients(model);
            }
        }
        return out;
    }

    @Test
    void parametersAreValidated() {
        R3F d = (R3F) Fixtures.method("r3f", Map.of());
        assertEquals(1.0, d.lambda());
        assertEquals(1e-5, d.eps());
        assertEquals(R3F.Noise.UNIFORM, d.noise());
        assertThrows(IllegalArgumentException.class, () -> Fixtures.method("r3f", Map.of("noise", "gaussian")));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.method("r3f", Map.of("lambda", "-1")));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.method("r3f", Map.of("eps", "-1e-5")));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.method("r3f", Map.of("r3f_lambda", "1")));
    }
}
