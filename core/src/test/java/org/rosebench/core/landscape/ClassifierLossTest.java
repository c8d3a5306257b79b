package org.rosebench.core.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.landscape.LandscapeOptions.BiasLn;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.TinyRoberta;
import org.rosebench.core.train.Evaluator;

/** The classifier loss against the evaluator's predictions, and its gradient against finite differences. */
class ClassifierLossTest {

    private static final List<Example> EXAMPLES = List.of(new Example(0, "he is the hen", null, 0),
            new Example(1, "the he", null, 1), new Example(2, "is the the hen he", null, 1),
            new Example(3, "hen", null, 0), new Example(4, "the hen is he the", null, 1),
            new Example(5, "is is he", null, 0), new Example(6, "the the the hen", null, 1));

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    private static SequenceClassifier model(Path dir) throws Exception {
        Path ckpt = TinyRoberta.writeCheckpoint(dir.resolve("tiny"), 13);
        return SequenceClassifier.fromPretrained(HfDirectory.open(ckpt), List.of("negative", "positive"), 16, 13);
    }

    @Test
    void theCentreLossIsTheEvaluatorsMeanCrossEntropy(@TempDir Path dir) throws Exception {
        try (SequenceClassifier model = model(dir)) {
            for (int batch : new int[] {1, 3, 64}) {
                Evaluator.Result r = Evaluator.evaluate(model, EXAMPLES, batch, "eval");
                double expected = 0;
                for (int i = 0; i < EXAMPLES.size(); i++) {
                    expected -= Math.log(r.probabilities()[i][EXAMPLES.get(i).label()]);
                }
                expected /= EXAMPLES.size();
                ClassifierLoss loss = new ClassifierLoss(model, EXAMPLES, batch);
                // the same logits; log-softmax against the log of the float32 softmax differs by float rounding only
                assertEquals(expected, loss.loss(), 1e-6, "batch " + batch);
                LandscapeResult l = LandscapeAnalysis.run(loss,
                        new LandscapeOptions(1, 3, 0.01, 0, 1, BiasLn.ZERO, 0, 1), "test");
                assertEquals(loss.loss(), l.centreLoss(), 0.0, "the analysis' centre is the unperturbed loss");
            }
        }
    }

    @Test
    void theGradientOverSeveralBatchesIsThatOfTheMeanLoss(@TempDir Path dir) throws Exception {
        try (SequenceClassifier model = model(dir); NDManager m = Djl.newManager()) {
            ClassifierLoss loss = new ClassifierLoss(model, EXAMPLES, 3); // batches of 3, 3 and 1
            // plain Gaussian entries: the fresh head's weights are too small for a filter-normalised direction to move the loss
            Map<String, NDArray> d = new LinkedHashMap<>();
            model.weights().asMap().forEach((name, w) -> d.put(name,
                    m.create(Directions.gaussian(Math.toIntExact(w.size()), name.hashCode()), w.getShape()).mul(0.1f)));
            double h = 1e-2;
            double plus = lossAt(loss, model, d, h, m);
            double minus = lossAt(loss, model, d, -h, m);
            double numeric = (plus - minus) / (2 * h);

            Map<String, NDArray> originals = new LinkedHashMap<>(model.weights().asMap());
            Map<String, NDArray> leaves = new LinkedHashMap<>();
            originals.forEach((name, a) -> {
                NDArray copy = a.duplicate();
                copy.attach(m);
                copy.setRequiresGradient(true);
                leaves.put(name, copy);
            });
            double analytic = 0;
            try (WeightSwap swap = WeightSwap.of(model.weights(), leaves)) {
                loss.lossWithGradient();
                for (String name : leaves.keySet()) {
                    if (d.containsKey(name)) {
                        analytic += leaves.get(name).getGradient().mul(d.get(name)).sum().getFloat();
                    }
                }
            }
            assertTrue(Math.abs(numeric) > 1e-3, "a direction the loss changes along: " + numeric);
            assertEquals(numeric, analytic, 2e-3 * Math.abs(numeric) + 1e-5);
        }
    }

    private static double lossAt(ClassifierLoss loss, SequenceClassifier model, Map<String, NDArray> d, double a,
            NDManager m) {
        Map<String, NDArray> perturbed = new LinkedHashMap<>();
        List<NDArray> made = new ArrayList<>();
        d.forEach((name, dir) -> {
            NDArray p = model.weights().get(name).add(dir.mul((float) a));
            p.attach(m);
            made.add(p);
            perturbed.put(name, p);
        });
        try (WeightSwap swap = WeightSwap.of(model.weights(), perturbed)) {
            return loss.loss();
        } finally {
            made.forEach(NDArray::close);
        }
    }
}
