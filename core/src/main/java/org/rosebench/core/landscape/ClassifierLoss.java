package org.rosebench.core.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Example;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.EncodedBatch;
import org.rosebench.core.model.Scalars;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.model.Weights;
import org.rosebench.core.train.Evaluator;

/**
 * A classifier's mean cross-entropy on fixed examples, dropout off: the loss the evaluator's predictions imply,
 * batched exactly as {@link Evaluator#evaluate} batches (by length, {@code batchSize} at a time), so the logits are
 * the evaluator's bit for bit. Per example {@code −log_softmax(logits)[label]} in float32 (more precise than the
 * log of the evaluator's float32 probabilities for confident predictions), summed in double.
 */
public final class ClassifierLoss implements LossFunction {

    private record Batch(EncodedBatch encoded, int[] labels) {}

    private final SequenceClassifier model;
    private final List<Batch> batches = new ArrayList<>();
    private final int total;

    public ClassifierLoss(SequenceClassifier model, List<Example> examples, int batchSize) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to compute a loss on");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.model = model;
        this.total = examples.size();
        Integer[] order = Evaluator.lengthOrder(examples);
        int classes = model.labels().size();
        for (int s = 0; s < order.length; s += batchSize) {
            int e = Math.min(order.length, s + batchSize);
            List<String> a = new ArrayList<>();
            List<String> b = examples.get(order[s]).isPair() ? new ArrayList<>() : null;
            int[] labels = new int[e - s];
            for (int k = s; k < e; k++) {
                Example ex = examples.get(order[k]);
                a.add(ex.textA());
                if (b != null) {
                    b.add(ex.textB());
                }
                if (ex.label() < 0 || ex.label() >= classes) {
                    throw new IllegalArgumentException("example " + ex.index() + " has label " + ex.label()
                            + ", the model has " + classes + " classes");
                }
                labels[k - s] = ex.label();
            }
            batches.add(new Batch(model.tokenizer().encode(a, b), labels));
        }
    }

    public int examples() {
        return total;
    }

    @Override
    public Weights weights() {
        return model.weights();
    }

    @Override
    public double loss() {
        double sum = 0;
        for (Batch b : batches) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (float ce : crossEntropies(b).toFloatArray()) {
                    sum += ce;
                }
            }
        }
        return sum / total;
    }

    @Override
    public double lossWithGradient() {
        double sum = 0;
        try (GradientCollector collector = Djl.engine().newGradientCollector()) {
            for (Batch b : batches) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray ce = crossEntropies(b);
                    // the batch's share of the mean: gradients of the batches add up to that of the mean loss
                    collector.backward(ce.sum().div(Scalars.of(ce, total)));
                    for (float v : ce.toFloatArray()) {
                        sum += v;
                    }
                }
            }
        }
        return sum / total;
    }

    /** {@code [B]} cross-entropy per example of one batch. */
    private NDArray crossEntropies(Batch b) {
        NDArray logits = model.logits(b.encoded(), model.manager(), Dropouts.eval());
        NDArray labels = model.manager().create(b.labels());
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1));
        return logits.logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
    }
}
