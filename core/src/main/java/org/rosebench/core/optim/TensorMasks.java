package org.rosebench.core.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scalar mask value per eligible tensor (ROSE masks whole tensors), keyed by parameter name. Values are
 * float32 as in the authors' code: 0/1 for First/Second, {0, γ, 1−γ, 1} for the ensemble.
 * {@link #none()} switches masking off, which makes {@link AdamW} plain HF AdamW.
 */
public final class TensorMasks {

    private static final TensorMasks NONE = new TensorMasks(Map.of(), false);

    private final Map<String, Float> values;
    private final boolean active;

    private TensorMasks(Map<String, Float> values, boolean active) {
        this.values = values;
        this.active = active;
    }

    /** Masking off: every tensor gets M = 1. */
    public static TensorMasks none() {
        return NONE;
    }

    /** Masking on with these per-tensor values (iteration order kept). */
    public static TensorMasks of(Map<String, Float> values) {
        return new TensorMasks(Collections.unmodifiableMap(new LinkedHashMap<>(values)), true);
    }

    public boolean isActive() {
        return active;
    }

    /**
     * The mask value of an eligible tensor. With masking on, a missing entry is a caller bug (the authors index
     * their mask vector by position, so every eligible tensor has one), hence the exception.
     */
    public float valueFor(String name) {
        if (!active) {
            return 1f;
        }
        Float v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no mask value for eligible tensor " + name);
        }
        return v;
    }

    /** Read-only view, in the order given to {@link #of(Map)}. */
    public Map<String, Float> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return active ? "TensorMasks" + values : "TensorMasks[none]";
    }
}
