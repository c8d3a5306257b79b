package org.rosebench.core.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;
import org.rosebench.core.landscape.LandscapeOptions.BiasLn;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.Evaluator;

/**
 * The analysis on minilm-l6 (22.7 M parameters, a seeded head) and eight SST-2 dev sentences, a 3-point line and
 * one ascent step: the centre is the evaluator's loss, every figure is finite, and all 100-odd tensors come back as
 * they were.
 */
@Tag("slow")
class LandscapeMiniLmTest {

    @Test
    void aRealModelComesBackBitForBitWithItsEvaluatorLossAtTheCentre() {
        System.setProperty("rose.progress", "false");
        Path data = Path.of(System.getProperty("rose.data.dir", "../data"));
        List<Example> examples = new GlueData(data).load(Task.SST2, Split.DEV).examples().subList(0, 8);
        try (SequenceClassifier model = SequenceClassifier.fromPretrained(ModelCatalog.resolve("minilm-l6"),
                Task.SST2.labelNames(), 64, 42)) {
            Map<String, NDArray> before = new LinkedHashMap<>(model.weights().asMap());
            Map<String, float[]> values = new LinkedHashMap<>();
            before.forEach((name, a) -> values.put(name, a.toFloatArray()));

            ClassifierLoss loss = new ClassifierLoss(model, examples, 64);
            LandscapeResult r = LandscapeAnalysis.run(loss,
                    new LandscapeOptions(1, 3, 0.5, 0, 1, BiasLn.ZERO, 1e-3, 1), "minilm");

            Evaluator.Result e = Evaluator.evaluate(model, examples, 64, "eval");
            double expected = 0;
            for (int i = 0; i < examples.size(); i++) {
                expected -= Math.log(e.probabilities()[i][examples.get(i).label()]);
            }
            assertEquals(expected / examples.size(), r.centreLoss(), 1e-6);
            for (double l : r.line()) {
                assertTrue(Double.isFinite(l) && l > 0, "loss " + l);
            }
            assertTrue(r.sharpness().isEmpty(), "no radius directions asked for (they are tested on small models)");
            assertTrue(r.epsilon().maxIncrease() > 0, "the ascent raises the loss: " + r.epsilon().maxIncrease());
            before.forEach((name, a) -> {
                assertSame(a, model.weights().get(name), name);
                float[] now = a.toFloatArray();
                float[] was = values.get(name);
                for (int i = 0; i < was.length; i++) {
                    if (Float.floatToRawIntBits(was[i]) != Float.floatToRawIntBits(now[i])) {
                        assertArrayEquals(was, now, name + " changed at " + i);
                    }
                }
            });
        }
    }
}
