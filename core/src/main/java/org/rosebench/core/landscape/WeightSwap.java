package org.rosebench.core.landscape;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rosebench.core.model.Weights;

/**
 * Perturbed tensors in place of a model's own for the duration of a block; closing puts the originals back. The
 * originals are never written, so the model comes back bit for bit, also when the block fails. The replacements
 * stay owned by the caller.
 */
final class WeightSwap implements AutoCloseable {

    private final Weights weights;
    private final Map<String, NDArray> originals = new LinkedHashMap<>();

    private WeightSwap(Weights weights) {
        this.weights = weights;
    }

    static WeightSwap of(Weights weights, Map<String, NDArray> replacements) {
        WeightSwap swap = new WeightSwap(weights);
        try {
            replacements.forEach((name, array) -> swap.originals.put(name, weights.swap(name, array)));
        } catch (RuntimeException e) {
            swap.close();
            throw e;
        }
        return swap;
    }

    @Override
    public void close() {
        originals.forEach(weights::swap);
        originals.clear();
    }
}
