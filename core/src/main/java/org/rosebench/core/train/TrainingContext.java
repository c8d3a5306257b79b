package org.rosebench.core.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.rosebench.core.data.Example;
import org.rosebench.core.model.Dropouts;
import org.rosebench.core.model.SequenceClassifier;

/** What a method sees during training: the model, the data, the config and the position in the run. */
public final class TrainingContext {

    private final SequenceClassifier model;
    private final TrainConfig config;
    private final List<Example> trainSet;
    private final long totalSteps;
    private long step;
    private int epoch;

    TrainingContext(SequenceClassifier model, TrainConfig config, List<Example> trainSet, long totalSteps) {
        this.model = model;
        this.config = config;
        this.trainSet = trainSet;
        this.totalSteps = totalSteps;
    }

    public SequenceClassifier model() {
        return model;
    }

    public NDManager manager() {
        return model.manager();
    }

    public TrainConfig config() {
        return config;
    }

    public List<Example> trainSet() {
        return trainSet;
    }

    /** Training-mode dropouts from the model config, masks from the configured source. */
    public Dropouts trainingDropouts() {
        return Dropouts.train(model.config(), config.dropoutMasks());
    }

    /** 1-based number of the optimiser step being computed. */
    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public int epoch() {
        return epoch;
    }

    void advance(long step, int epoch) {
        this.step = step;
        this.epoch = epoch;
    }
}
