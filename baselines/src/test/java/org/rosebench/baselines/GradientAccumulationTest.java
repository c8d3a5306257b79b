package org.rosebench.baselines;

import org.rosebench.core.train.FixedNoise;
import org.rosebench.core.method.ForwardingMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.core.train.TrainingBatch;
import org.rosebench.core.train.TrainingContext;
import org.rosebench.core.train.TrainingStepper;

/**
 * Gradient accumulation gives the update of one big batch. With dropout off (and R3F's noise a fixed function of the
 * tokens instead of random draws), three updates of batch 6 computed as k = 2 micro-batches of 3, or k = 4 of 2, 2,
 * 1, 1, are compared with the same three updates computed whole: the step losses (within 1e-6 relative), the
 * accumulated gradients handed to the method's surgery and the clipping at every step, and the weights afterwards
 * (tolerances below). Only the float32 summation order differs: micro-batches are padded to their own longest row
 * and per-example gradients are summed in another grouping. ChildTuning-D's Fisher pass accumulates the same way;
 * ChildTuning-F draws the same masks (the same engine RNG stream) and applies them to the accumulated gradient.
 */
class GradientAccumulationTest {

    /** Weights after three updates: max|w_k − w_1| ≤ 1e-6·max|w_1| + 1e-4·lr·steps per tensor. */
    static final double WEIGHT_TOLERANCE = 1e-6;
    static final double UPDATE_TOLERANCE = 1e-4;
    static final double LR = 1e-3;
    /**
     * Accumulated gradients, max|g_k − g_1| / max|g_1| per tensor: at step 1, from the same weights, and at steps 2
     * and 3, from weights that already differ by rounding (R3F with λ = 100 amplifies that most).
     */
    static final double FIRST_GRADIENT_TOLERANCE = 5e-5;
    static final double GRADIENT_TOLERANCE = 2e-4;

    static final float HEAD_SCALE = 50f;
    static final int BATCH = 6;
    static final int STEPS = 3;

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    @ParameterizedTest
    @CsvSource({"vanilla,2", "vanilla,4", "r3f,2", "r3f,4", "childtuning-f,2", "childtuning-f,4", "childtuning-d,2",
            "childtuning-d,4"})
    void accumulatedUpdatesEqualTheWholeBatchUpdates(String name, int k, @TempDir Path dir) throws Exception {
        long seed = Fixtures.seed(5L);
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), seed, false);
        List<Example> train = Fixtures.examples(BATCH * STEPS);
        Supplier<FineTuningMethod> method = () -> method(name);
        Run whole = run(ckpt, seed, method.get(), 1, train);
        Run accumulated = run(ckpt, seed, method.get(), k, train);

        List<Integer> expectedSizes = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            expectedSizes.addAll(k == 2 ? List.of(3, 3) : List.of(2, 2, 1, 1));
        }
        assertEquals(expectedSizes, accumulated.forwardSizes(), "micro-batch sizes of the three steps");
        assertEquals(List.of(BATCH, BATCH, BATCH), whole.forwardSizes());
        for (int s = 0; s < STEPS; s++) {
            assertEquals(whole.losses()[s], accumulated.losses()[s], 1e-6 * Math.abs(whole.losses()[s]),
                    "loss of step " + (s + 1) + " is the batch mean");
        }
        double[] worst = assertSameUpdates(whole, accumulated, name + " k=" + k + Fixtures.reproduce(seed));
        System.err.printf("[test] %s k=%d: weights %.3g of the tolerance, gradients %.3g at step 1, %.3g later%n",
                name, k, worst[0], worst[1], worst[2]);
    }

    /**
     * Per tensor, max|w_k − w_1| after the three updates against {@link #weightTolerance}, and max|g_k − g_1| /
     * max|g_1| for the accumulated gradients of each step (before any surgery or clipping; 1e-3 of the largest
     * gradient of all tensors is the floor of the denominator, so tensors whose gradient is zero up to float noise,
     * e.g. attention key biases, are not compared with their own noise). Returns the worst weight difference as a
     * fraction of its tolerance and the worst gradient ratios at step 1 and later.
     */
    static double[] assertSameUpdates(Run whole, Run accumulated, String what) {
        double worstWeight = 0;
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, float[]> e : whole.after().entrySet()) {
            assertTrue(java.util.Arrays.equals(whole.before().get(e.getKey()), accumulated.before().get(e.getKey())),
                    "same start " + e.getKey());
            double diff = maxAbsDiff(e.getValue(), accumulated.after().get(e.getKey()));
            double allowed = weightTolerance(maxAbs(e.getValue()));
            worstWeight = Math.max(worstWeight, diff / allowed);
            if (diff > allowed) {
                bad.add(e.getKey() + ": " + diff + " > " + allowed);
            }
        }
        assertTrue(bad.isEmpty(), what + ": weights differ by more than the tolerance: " + bad);
        double worstFirst = 0;
        double worstLater = 0;
        assertEquals(STEPS, whole.gradients().size());
        assertEquals(STEPS, accumulated.gradients().size());
        for (int s = 0; s < STEPS; s++) {
            Map<String, float[]> g1 = whole.gradients().get(s);
            Map<String, float[]> gk = accumulated.gradients().get(s);
            double floor = 0;
            for (float[] g : g1.values()) {
                floor = Math.max(floor, maxAbs(g));
            }
            floor *= 1e-3;
            double tolerance = s == 0 ? FIRST_GRADIENT_TOLERANCE : GRADIENT_TOLERANCE;
            for (Map.Entry<String, float[]> e : g1.entrySet()) {
                double rel = maxAbsDiff(e.getValue(), gk.get(e.getKey())) / Math.max(maxAbs(e.getValue()), floor);
                if (s == 0) {
                    worstFirst = Math.max(worstFirst, rel);
                } else {
                    worstLater = Math.max(worstLater, rel);
                }
                if (rel > tolerance) {
                    bad.add("step " + (s + 1) + " " + e.getKey() + ": " + rel);
                }
            }
        }
        assertTrue(bad.isEmpty(), what + ": gradients differ by more than the tolerance: " + bad);
        return new double[] {worstWeight, worstFirst, worstLater};
    }

    /**
     * The weight tolerance of a tensor: {@link #WEIGHT_TOLERANCE} of its largest magnitude (rounding of the weights)
     * plus {@link #UPDATE_TOLERANCE} of the largest distance AdamW can move an entry in the run, lr per update
     * (rounding of the updates: an entry whose gradient is near AdamW's ε = 1e-6 turns a small relative gradient
     * difference into a larger update difference; zero-initialised biases show it).
     */
    static double weightTolerance(double maxAbsWeight) {
        return WEIGHT_TOLERANCE * maxAbsWeight + UPDATE_TOLERANCE * LR * STEPS;
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    static FineTuningMethod method(String name) {
        MethodRegistry registry = MethodRegistry.load();
        if (name.equals("r3f")) {
            // λ and the noise large enough that the KL term is about a third of the gradient (λ = 1 with small
            // noise: 1e-5 of it, below the tolerance); the noise is a function of token, position and dimension
            MethodParams params = MethodParams.of("r3f", registry.get("r3f").parameters(),
                    Map.of("lambda", "100", "eps", "0.5"));
            return new R3F(params, FixedNoise::of);
        }
        return registry.create(name, Map.of());
    }


    record Run(Map<String, float[]> before, Map<String, float[]> after, float[] losses, List<Integer> forwardSizes,
            List<Map<String, float[]>> gradients) {}

    /** Three steps on consecutive batches of {@code train}, no shuffling, clipping at 0.5 (active on this model). */
    static Run run(Path ckpt, long seed, FineTuningMethod method, int k, List<Example> train) {
        return run(ckpt, seed, new MethodSetup(new Recording(method), null), k, train);
    }

    static Run run(Path ckpt, long seed, MethodSetup setup, int k, List<Example> train) {
        TrainConfig config = TrainConfig.builder().optBatchSize(BATCH).optGradAccumSteps(k).optLearningRate(LR)
                .optSeed(seed).optMaxLength(16).optMaxGradNorm(0.5).build();
        try (SequenceClassifier model = sharpenHead(SequenceClassifier.fromPretrained(HfDirectory.open(ckpt),
                List.of("neg", "pos"), 16, seed));
                TrainingStepper stepper = new TrainingStepper(model, setup, config, train, STEPS)) {
            Map<String, float[]> before = weights(model);
            Djl.seed(seed);
            stepper.prepare();
            float[] losses = new float[STEPS];
            for (int s = 0; s < STEPS; s++) {
                losses[s] = stepper.step(train.subList(s * BATCH, (s + 1) * BATCH), s + 1, 1, LR);
            }
            Recording r = setup.method() instanceof Recording rec ? rec : null;
            return new Run(before, weights(model), losses, r == null ? List.of() : r.sizes,
                    r == null ? List.of() : r.gradients);
        }
    }

    /**
     * Multiplies the fresh head's output weights (N(0, 0.02)) by {@link #HEAD_SCALE}, so that the logits are not all
     * near zero: otherwise R3F's KL term (second order in the logit differences) hardly moves the gradient and a
     * defect in its accumulation could hide below the tolerance.
     */
    static SequenceClassifier sharpenHead(SequenceClassifier model) {
        model.weights().get("classifier.out_proj.weight").muli(HEAD_SCALE); // before gradients are switched on
        return model;
    }

    static Map<String, float[]> weights(SequenceClassifier model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.weights().asMap().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    /** Delegates to a method and records the size of every batch its forward sees. */
    static final class Recording extends ForwardingMethod {
        final FineTuningMethod inner;
        final List<Integer> sizes = new ArrayList<>();
        final List<Map<String, float[]>> gradients = new ArrayList<>();

        Recording(FineTuningMethod inner) {
            super(inner);
            this.inner = inner;
        }

        @Override
        public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
            sizes.add(batch.size());
            return inner.forward(ctx, batch);
        }

        @Override
        public void afterBackward(TrainingContext ctx, Map<String, NDArray> gradients) {
            Map<String, float[]> copy = new LinkedHashMap<>();
            gradients.forEach((k, v) -> copy.put(k, v.toFloatArray()));
            this.gradients.add(copy);
            inner.afterBackward(ctx, gradients);
        }

        @Override
        public void afterClipping(TrainingContext ctx, Map<String, NDArray> gradients) {
            inner.afterClipping(ctx, gradients);
        }
    }

    @Test
    void microBatchesAreContiguousAndAsEvenAsPossible() {
        List<Integer> rows = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(List.of(rows), TrainingStepper.microBatches(rows, 1));
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)),
                TrainingStepper.microBatches(rows, 4));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), TrainingStepper.microBatches(rows.subList(0, 3), 5),
                "a partial last batch smaller than k: one example per micro-batch");
    }
}
