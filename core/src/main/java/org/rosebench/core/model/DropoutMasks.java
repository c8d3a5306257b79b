package org.rosebench.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where training-mode dropout draws its masks from (docs/resume.md §6).
 *
 * <ul>
 *   <li>{@link #LIBTORCH}: the engine's {@code dropout}, whose masks come from {@code bernoulli_}. On CPUs libtorch's
 *       MKL build draws them with MKL's VSL generator on Intel and with its own serial mt19937 elsewhere, so one seed
 *       trains different models on the two; on GPUs they come from CUDA. The default: every recorded result used it.
 *   <li>{@link #COUNTER}: {@link CounterDropout}, a counter-based generator computed in Java on libtorch's intra-op
 *       threads. The masks are a function of the engine seed and the call only, identical on every CPU vendor,
 *       thread count and device.
 * </ul>
 */
public enum DropoutMasks {
    LIBTORCH("libtorch"),
    COUNTER("counter");

    private final String label;

    DropoutMasks(String label) {
        this.label = label;
    }

    /** The spelling in configs, keys and command lines. */
    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static DropoutMasks parse(String text) {
        for (DropoutMasks m : values()) {
            if (m.label.equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown dropout mask source '" + text + "' (known: "
                + Arrays.stream(values()).map(DropoutMasks::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
