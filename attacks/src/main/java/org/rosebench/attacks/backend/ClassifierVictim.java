package org.rosebench.attacks.backend;

import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.core.model.SequenceClassifier;

/**
 * A fine-tuned checkpoint as the attack's victim: one batched forward pass per call (dynamic padding, truncation
 * to the classifier's maximum length, as the model was fine-tuned), returning class probabilities.
 */
public final class ClassifierVictim implements Victim {

    private final SequenceClassifier model;
    private long queries;

    public ClassifierVictim(SequenceClassifier model) {
        this.model = model;
    }

    @Override
    public float[][] predict(List<TextInput> batch) {
        if (batch.isEmpty()) {
            return new float[0][];
        }
        List<String> a = new ArrayList<>(batch.size());
        List<String> b = batch.get(0).isPair() ? new ArrayList<>(batch.size()) : null;
        for (TextInput t : batch) {
            a.add(t.first());
            if (b != null) {
                b.add(t.second());
            }
        }
        queries += batch.size();
        return model.probabilities(a, b, batch.size());
    }

    /** Texts actually sent to the model (cache hits excluded). */
    public long modelQueries() {
        return queries;
    }

    public SequenceClassifier model() {
        return model;
    }
}
