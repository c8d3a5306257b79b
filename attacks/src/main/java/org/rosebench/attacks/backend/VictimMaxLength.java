package org.rosebench.attacks.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rosebench.core.BadInputException;
import org.rosebench.core.model.HfDirectory;

/**
 * Where the victim truncates its input, as TextAttack v0.3.10's {@code HuggingFaceModelWrapper} decides it: the
 * tokenizer's {@code model_max_length} (pairs truncated longest-first), or 512 when the tokenizer leaves it unset
 * (HF's {@code int(1e30)}). A checkpoint directory without {@code tokenizer_config.json} (rose-bench's own) loads in
 * HF with it unset, so that is 512. A position table shorter than that caps it (TextAttack would fail there).
 *
 * <p>The wrapper also pads every batch to that length; rose-bench pads to the longest row, which gives the same
 * logits up to floating-point rounding (docs/attacks.md §1.3).
 */
public final class VictimMaxLength {

    /** TextAttack's length when the tokenizer has none. */
    public static final int UNSET_FALLBACK = 512;
    /** How the default is chosen, for headers and cell keys. */
    public static final String RULE = "textattack-0.3.10: tokenizer model_max_length, else 512";
    // HF's VERY_LARGE_INTEGER is int(1e30); anything near it means "unset".
    private static final double UNSET_THRESHOLD = 1e29;

    private VictimMaxLength() {
    }

    /** {@code option} when given, else TextAttack's length for the checkpoint in {@code dir}. */
    public static int resolve(Path dir, Integer option) {
        return option != null ? option : of(dir);
    }

    /** TextAttack's length for the checkpoint in {@code dir}. */
    public static int of(Path dir) {
        int length = modelMaxLength(dir.resolve("tokenizer_config.json"));
        return Math.min(length, HfDirectory.open(dir).config().maxSequenceLength());
    }

    /** {@code model_max_length} of a tokenizer config, {@link #UNSET_FALLBACK} when the file or value is absent. */
    static int modelMaxLength(Path tokenizerConfig) {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return UNSET_FALLBACK;
        }
        JsonNode value;
        try {
            value = new ObjectMapper().readTree(tokenizerConfig.toFile()).path("model_max_length");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(tokenizerConfig, line, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerConfig, e);
        }
        if (value.isMissingNode() || value.isNull()) {
            return UNSET_FALLBACK;
        }
        if (!value.isNumber() || value.doubleValue() < 1) {
            throw new BadInputException(tokenizerConfig, "model_max_length must be a positive integer, got " + value);
        }
        return value.doubleValue() >= UNSET_THRESHOLD ? UNSET_FALLBACK : value.intValue();
    }
}
