package org.rosebench.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.rosebench.core.data.Example;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.util.Progress;

/**
 * Accuracy of a classifier on labelled examples. Examples are batched in order of length (less padding, the same
 * results) and the predictions returned in input order.
 */
public final class Evaluator {

    /** Version of what evaluation computes (batching, prediction). Bump when a change alters results (not for a refactor): it is part of the matrix cell keys of every eval cell. */
    public static final String VERSION = "1";

    public record Result(int total, int correct, int[] predictions, float[][] probabilities, double seconds) {
        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }

        public double examplesPerSecond() {
            return seconds > 0 ? total / seconds : 0;
        }
    }

    private Evaluator() {}

    public static Result evaluate(SequenceClassifier model, List<Example> examples, int batchSize, String what) {
        if (examples.isEmpty()) {
            // an accuracy over nothing would read as 0.00 %; the data readers reject empty sets before this
            throw new IllegalArgumentException(what + ": no examples to evaluate");
        }
        long start = System.nanoTime();
        Integer[] order = lengthOrder(examples);
        int[] predictions = new int[examples.size()];
        float[][] probabilities = new float[examples.size()][];
        int correct = 0;
        try (Progress progress = Progress.start(what, examples.size(), "ex")) {
            for (int s = 0; s < order.length; s += batchSize) {
                int e = Math.min(order.length, s + batchSize);
                List<String> a = new ArrayList<>();
                List<String> b = examples.get(order[s]).isPair() ? new ArrayList<>() : null;
                for (int k = s; k < e; k++) {
                    Example ex = examples.get(order[k]);
                    a.add(ex.textA());
                    if (b != null) {
                        b.add(ex.textB());
                    }
                }
                float[][] p = model.probabilities(a, b, e - s);
                for (int k = s; k < e; k++) {
                    int idx = order[k];
                    probabilities[idx] = p[k - s];
                    predictions[idx] = argmax(p[k - s]);
                    if (predictions[idx] == examples.get(idx).label()) {
                        correct++;
                    }
                }
                progress.stepBy(e - s, String.format("acc %.4f", (double) correct / e));
            }
        }
        return new Result(examples.size(), correct, predictions, probabilities, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The order in which {@link #evaluate} batches the examples: by text length (stable, so ties keep file order).
     * Consecutive runs of {@code batchSize} positions form the batches; anything that must reproduce the
     * evaluator's numbers (the landscape analysis's loss) batches the same way.
     */
    public static Integer[] lengthOrder(List<Example> examples) {
        Integer[] order = new Integer[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> length(examples.get(i))));
        return order;
    }

    private static int length(Example ex) {
        return ex.textA().length() + (ex.textB() == null ? 0 : ex.textB().length());
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
