package org.rosebench.core.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rosebench.core.checkpoint.TensorData;

/**
 * What a {@link FineTuningMethod} or {@link UpdateSelector} keeps across optimiser steps and a resumed run needs
 * back, beyond the model weights and the AdamW moments: float32 tensors (copied to the heap, so the caller owns
 * nothing on the device) and string values. The trainer stores it in the resume directory as one safetensors file
 * (tensors, values as its {@code __metadata__}), bit for bit.
 */
public record MethodState(Map<String, TensorData> tensors, Map<String, String> values) {

    public static final MethodState EMPTY = new MethodState(Map.of(), Map.of());

    public MethodState {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean isEmpty() {
        return tensors.isEmpty() && values.isEmpty();
    }

    /** The named tensor; fails with the names present when it is missing. */
    public TensorData tensor(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("saved state has no tensor '" + name + "' (has " + tensors.keySet() + ")");
        }
        return t;
    }

    /** The named value; fails with the names present when it is missing. */
    public String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("saved state has no value '" + name + "' (has " + values.keySet() + ")");
        }
        return v;
    }
}
