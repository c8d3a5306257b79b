package org.rosebench.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rosebench.core.checkpoint.TensorData;

/**
 * Fills {@link Weights} from a checkpoint's tensors for the specs a model declares, the way HF's
 * {@code from_pretrained} does: base-model checkpoints (no {@code bert.}/{@code roberta.} prefix) are accepted,
 * tensors the checkpoint lacks are initialised (seeded), and tensors the model does not use are reported.
 */
public final class WeightLoader {

    /**
     * What a load did: tensors the checkpoint lacked (newly initialised), checkpoint tensors no spec asked for
     * (unused), and integer buffers the reader left out (skipped_buffers, e.g. {@code position_ids}).
     */
    public record Report(List<String> initialised, List<String> unused,
            @JsonProperty("skipped_buffers") List<String> skippedBuffers) {

        public Report {
            initialised = List.copyOf(initialised);
            unused = List.copyOf(unused);
            skippedBuffers = List.copyOf(skippedBuffers);
        }

        public Report withSkippedBuffers(List<String> skipped) {
            return new Report(initialised, unused, skipped);
        }

        public boolean complete() {
            return initialised.isEmpty();
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            if (!initialised.isEmpty()) {
                sb.append("newly initialised: ").append(initialised);
            }
            if (!unused.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append("unused checkpoint tensors: ").append(unused.size() > 8 ? unused.subList(0, 8) + "…" : unused);
            }
            if (!skippedBuffers.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append("skipped integer buffers: ").append(skippedBuffers);
            }
            return sb.toString();
        }
    }

    private WeightLoader() {}

    public static Report load(Weights target, Map<String, TensorData> checkpoint, List<TensorSpec> specs,
            ModelConfig config, long initSeed) {
        Map<String, TensorData> byName = normalise(checkpoint, config.modelType());
        Random rnd = new Random(initSeed);
        List<String> initialised = new ArrayList<>();
        for (TensorSpec spec : specs) {
            TensorData t = byName.remove(spec.name());
            if (t != null) {
                target.put(spec.name(), t, spec.shape());
                continue;
            }
            initialised.add(spec.name());
            switch (spec.init()) {
                case NORMAL -> target.initNormal(spec.name(), spec.shape(), config.initializerRange(), rnd);
                case ZEROS -> target.initConstant(spec.name(), spec.shape(), 0f);
                case ONES -> target.initConstant(spec.name(), spec.shape(), 1f);
            }
        }
        return new Report(initialised, new ArrayList<>(byName.keySet()), List.of());
    }

    /** HF names as the task model stores them: add the base prefix, map legacy gamma/beta. */
    static Map<String, TensorData> normalise(Map<String, TensorData> checkpoint, ModelType type) {
        Map<String, TensorData> out = new HashMap<>();
        String prefix = type.prefix() + ".";
        for (Map.Entry<String, TensorData> e : checkpoint.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("embeddings.") || name.startsWith("encoder.") || name.startsWith("pooler.")) {
                name = prefix + name;
            }
            if (name.endsWith("LayerNorm.gamma")) {
                name = name.substring(0, name.length() - "gamma".length()) + "weight";
            } else if (name.endsWith("LayerNorm.beta")) {
                name = name.substring(0, name.length() - "beta".length()) + "bias";
            }
            if (out.put(name, e.getValue()) != null) {
                throw new IllegalArgumentException("checkpoint holds two tensors for '" + name + "'");
            }
        }
        return out;
    }
}
