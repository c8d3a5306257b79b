package org.rosebench.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.method.FineTuningMethod;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.StepOutput;
import org.rosebench.core.method.UpdateSelector;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.Scalars;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.optim.AdamW;
import org.rosebench.core.optim.Param;
import org.rosebench.core.optim.TensorMasks;

/**
 * The stepper's probe path (word-embedding lookups from detached leaves, probe gradients read in place, the
 * training gradient routed into the table afterwards) gives the gradients of the plain full-graph path: same
 * dropout draws (same seed), probe gradients of the eligible tensors and training gradients of every tensor
 * within 1e-6 relative to the tensor's largest entry (only the table's summation order differs). Two objectives: two independent passes (ROSE-First on vanilla) and one lookup shared by a clean
 * and a detached second pass (R3F's shape); each with the table's gradient buffer not yet defined (first step:
 * dense routing) and defined (later steps: sparse routing).
 */
class ProbeGradientPathTest {

    private static final long SEED = 11;
    private static final double TOL = 1e-6;

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void leafPathGivesTheFullGraphGradients(boolean sharedLookup, boolean tableHasGradient, @TempDir Path dir)
            throws Exception {
        System.setProperty("rose.progress", "false");
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), SEED);
        List<Example> rows = List.of(new Example(0, "he is the hen", null, 0), new Example(1, "the he", null, 1),
                new Example(2, "is the the hen he", null, 1));
        TrainConfig config = TrainConfig.builder().optMaxGradNorm(0).optSeed(SEED).optMaxLength(16).build();
        FineTuningMethod method = sharedLookup ? new SharedLookup() : new OnePassCe();
        Recorder recorder = new Recorder();
        Grads expected;
        try (SequenceClassifier model = load(ckpt)) {
            expected = fullGraph(model, method, rows);
        }
        try (SequenceClassifier model = load(ckpt);
                TrainingStepper stepper = new TrainingStepper(model, new MethodSetup(method, recorder), config, rows, 1)) {
            if (tableHasGradient) {
                defineZeroGradient(model.weights().get("roberta.embeddings.word_embeddings.weight"));
            }
            Djl.seed(SEED);
            stepper.step(rows, 1, 1, 1e-3);
        }
        assertClose(expected.probe(), recorder.probe, "probe");
        assertClose(expected.training(), recorder.training, "training");
        float[] table = recorder.training.get("roberta.embeddings.word_embeddings.weight");
        assertTrue(maxAbs(table) > 1e-5, "the table receives the training gradient");
    }

    /** As after a first step: the table has a dense, zeroed gradient buffer (the sparse routing path). */
    private static void defineZeroGradient(NDArray table) {
        try (NDScope scope = new NDScope(); GradientCollector c = Djl.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            c.backward(table.sum());
        }
        JniUtils.zeroGrad((PtNDArray) table);
    }

    private static SequenceClassifier load(Path ckpt) {
        SequenceClassifier m = SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("a", "b"), 16, SEED);
        m.weights().setRequiresGradient(true);
        return m;
    }

    record Grads(Map<String, float[]> probe, Map<String, float[]> training) {}

    /** The step as it was written before: one graph down to the table, probe backward, zero, training backward. */
    private static Grads fullGraph(SequenceClassifier model, FineTuningMethod method, List<Example> rows) {
        TrainConfig config = TrainConfig.builder().optSeed(SEED).optMaxLength(16).build();
        TrainingContext ctx = new TrainingContext(model, config, rows, 1);
        List<Param> params = TrainingStepper.optimizerOrder(model, 0.01);
        Map<String, float[]> probe = new LinkedHashMap<>();
        Map<String, float[]> training = new LinkedHashMap<>();
        Djl.seed(SEED);
        try (NDScope scope = new NDScope();
                GradientCollector collector = Djl.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            TrainingBatch batch = Trainer.encode(model, rows);
            StepOutput out = method.forward(ctx, batch);
            if (out.passLogits().size() < 2) {
                StepOutput more = method.forward(ctx, batch);
                NDArray sum = out.loss().add(more.loss());
                out = new StepOutput(sum.div(Scalars.of(sum, 2)), List.of(out.passLogits().get(0),
                        more.passLogits().get(0)));
            }
            NDArray probeLoss = probeLoss(out);
            JniUtils.backward((PtNDArray) probeLoss, (PtNDArray) probeLoss.onesLike(), true, false);
            for (Param p : params) {
                if (p.eligible()) {
                    probe.put(p.name(), p.value().getGradient().toFloatArray());
                }
                JniUtils.zeroGrad((PtNDArray) p.value());
            }
            collector.backward(out.loss());
            for (Param p : params) {
                training.put(p.name(), p.value().getGradient().toFloatArray());
                JniUtils.zeroGrad((PtNDArray) p.value());
            }
        }
        return new Grads(probe, training);
    }

    /** A KL-like probe of the first two passes: Σ (softmax(z1) − softmax(z2))². */
    static NDArray probeLoss(StepOutput out) {
        NDArray d = out.passLogits().get(0).softmax(-1).sub(out.passLogits().get(1).softmax(-1));
        return d.mul(d).sum();
    }

    /** Records the probe gradients of the eligible tensors and the training gradients (clipping off). */
    static final class Recorder implements UpdateSelector {
        final Map<String, float[]> probe = new LinkedHashMap<>();
        final Map<String, float[]> training = new LinkedHashMap<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public int requiredPasses() {
            return 2;
        }

        @Override
        public boolean probes() {
            return true;
        }

        @Override
        public void probe(StepOutput output, ProbeGradients gradients) {
            gradients.backward(probeLoss(output), Param::eligible, grads -> {
                for (int i = 0; i < grads.size(); i++) {
                    if (grads.get(i) != null) {
                        probe.put(gradients.params().get(i).name(), grads.get(i).toFloatArray());
                    }
                }
            });
        }

        @Override
        public TensorMasks select(List<Param> params, List<NDArray> gradients, AdamW optimizer) {
            for (int i = 0; i < params.size(); i++) {
                training.put(params.get(i).name(), gradients.get(i).toFloatArray());
            }
            return TensorMasks.none();
        }
    }

    /** One dropout pass, mean CE (vanilla's objective). */
    static final class OnePassCe implements FineTuningMethod {
        @Override
        public String name() {
            return "one-pass-ce";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
            NDArray logits = ctx.model().logits(batch.inputs(), ctx.manager(), ctx.trainingDropouts());
            return StepOutput.single(Losses.crossEntropy(logits, batch.labels(ctx.manager())), logits);
        }
    }

    /** R3F's shape without noise: one lookup, a clean pass from it and a second pass from it detached. */
    static final class SharedLookup implements FineTuningMethod {
        @Override
        public String name() {
            return "shared-lookup";
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public StepOutput forward(TrainingContext ctx, TrainingBatch batch) {
            SequenceClassifier model = ctx.model();
            Dropouts d = ctx.trainingDropouts();
            NDArray words = model.encoder().embedWords(model.weights(), batch.inputs().inputIds(ctx.manager()));
            NDArray clean = model.logitsFromWordEmbeddings(words, batch.inputs(), ctx.manager(), d);
            NDArray second = model.logitsFromWordEmbeddings(words.stopGradient(), batch.inputs(), ctx.manager(), d);
            NDArray labels = batch.labels(ctx.manager());
            NDArray loss = Losses.crossEntropy(clean, labels).add(Losses.crossEntropy(second, labels));
            return new StepOutput(loss, List.of(clean, second));
        }
    }

    /** Element-wise within 1e-6 of each tensor's largest magnitude (probe gradients here are ~1e-6 themselves). */
    private static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + " gradients cover the same tensors");
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            float[] a = actual.get(e.getKey());
            float[] x = e.getValue();
            double tol = TOL * maxAbs(x);
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(a[i] - x[i]) > tol) {
                    bad.add(e.getKey() + "[" + i + "] expected " + x[i] + " actual " + a[i] + " (tolerance " + tol + ")");
                    break;
                }
            }
        }
        assertTrue(bad.isEmpty(), what + " gradients differ:\n  " + String.join("\n  ", bad));
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
