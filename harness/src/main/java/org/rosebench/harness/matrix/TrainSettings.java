package org.rosebench.harness.matrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.core.model.DropoutMasks;
import org.rosebench.core.train.TrainConfig;

/**
 * Trainer settings as written in a config: any subset of the known keys. Layers merge (global, per task, preset,
 * method), later layers winning, and the result becomes a {@link TrainConfig} plus a training-data selection.
 */
record TrainSettings(Map<String, Number> values, DropoutMasks dropoutMasks) {

    /** Keys a config may set, with the trainer's meaning. */
    static final List<String> KEYS = List.of("epochs", "lr", "batch_size", "grad_accum_steps", "eval_batch_size",
            "max_length", "warmup_ratio", "weight_decay", "max_grad_norm", "train_sample", "train_limit",
            "dropout_masks");
    /** The one setting that is a word, not a number: {@code libtorch} or {@code counter} ({@link DropoutMasks}). */
    static final String DROPOUT_MASKS = "dropout_masks";
    static final List<String> INTEGER_KEYS = List.of("epochs", "batch_size", "grad_accum_steps", "eval_batch_size",
            "max_length", "train_sample", "train_limit");

    /** @param dropoutMasks null where this layer does not set it */
    TrainSettings {
        values = Map.copyOf(values);
    }

    TrainSettings(Map<String, Number> values) {
        this(values, null);
    }

    static TrainSettings empty() {
        return new TrainSettings(Map.of());
    }

    TrainSettings overriddenBy(TrainSettings other) {
        Map<String, Number> m = new LinkedHashMap<>(values);
        m.putAll(other.values);
        return new TrainSettings(m, other.dropoutMasks != null ? other.dropoutMasks : dropoutMasks);
    }

    /** The ROSE README presets store their trainer values as doubles with the same key names. */
    static TrainSettings fromPreset(Map<String, Double> train) {
        Map<String, Number> m = new LinkedHashMap<>();
        train.forEach((k, v) -> {
            if (KEYS.contains(k)) {
                m.put(k, INTEGER_KEYS.contains(k) ? (Number) v.intValue() : v);
            }
        });
        return new TrainSettings(m);
    }

    TrainConfig toConfig(long seed) {
        TrainConfig.Builder b = TrainConfig.builder().optSeed(seed);
        if (values.containsKey("epochs")) b.optEpochs(values.get("epochs").intValue());
        if (values.containsKey("lr")) b.optLearningRate(values.get("lr").doubleValue());
        if (values.containsKey("batch_size")) b.optBatchSize(values.get("batch_size").intValue());
        if (values.containsKey("grad_accum_steps")) b.optGradAccumSteps(values.get("grad_accum_steps").intValue());
        if (values.containsKey("eval_batch_size")) b.optEvalBatchSize(values.get("eval_batch_size").intValue());
        if (values.containsKey("max_length")) b.optMaxLength(values.get("max_length").intValue());
        if (values.containsKey("warmup_ratio")) b.optWarmupRatio(values.get("warmup_ratio").doubleValue());
        if (values.containsKey("weight_decay")) b.optWeightDecay(values.get("weight_decay").doubleValue());
        if (values.containsKey("max_grad_norm")) b.optMaxGradNorm(values.get("max_grad_norm").doubleValue());
        if (dropoutMasks != null) b.optDropoutMasks(dropoutMasks);
        return b.build();
    }

    Integer trainSample() {
        Number n = values.get("train_sample");
        return n == null ? null : n.intValue();
    }

    Integer trainLimit() {
        Number n = values.get("train_limit");
        return n == null ? null : n.intValue();
    }
}
