package org.rosebench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.rosebench.core.checkpoint.TensorData;

/**
 * The model's tensors by HuggingFace name, in a fixed order (the order they were declared). Names follow the
 * HF task-model state dict ({@code bert.encoder.layer.0.attention.self.query.weight}, {@code classifier.weight},
 * ...), so checkpoints map one to one and ROSE's name rule applies unchanged.
 */
public final class Weights implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();

    public Weights(NDManager manager) {
        this.manager = manager;
    }

    public NDManager manager() {
        return manager;
    }

    public NDArray get(String name) {
        NDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalStateException("model has no tensor '" + name + "'");
        }
        return a;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    public Map<String, NDArray> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Copies a heap tensor in, checking the expected shape. */
    public void put(String name, TensorData data, long[] expectedShape) {
        if (!Arrays.equals(data.shape(), expectedShape)) {
            throw new IllegalArgumentException("tensor '" + data.name() + "' has shape " + Arrays.toString(data.shape())
                    + " but the config needs " + Arrays.toString(expectedShape) + " for '" + name + "'");
        }
        replace(name, manager.create(data.data(), new Shape(expectedShape)));
    }

    public void replace(String name, NDArray array) {
        array.setName(name);
        NDArray old = tensors.put(name, array);
        if (old != null && old != array) {
            old.close();
        }
    }

    /**
     * Puts {@code array} in place of tensor {@code name} and returns the tensor it replaces, without closing it: a
     * temporary substitution (perturbed weights) that the caller undoes by swapping the returned tensor back, which
     * restores the model bit for bit since the original is never written.
     */
    public NDArray swap(String name, NDArray array) {
        NDArray old = get(name);
        tensors.put(name, array);
        return old;
    }

    /** HF {@code _init_weights} for a Linear/Embedding weight: N(0, range), seeded on the Java side. */
    public void initNormal(String name, long[] shape, float std, Random rnd) {
        float[] v = new float[Math.toIntExact(numel(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * std);
        }
        replace(name, manager.create(v, new Shape(shape)));
    }

    public void initConstant(String name, long[] shape, float value) {
        replace(name, manager.full(new Shape(shape), value, DataType.FLOAT32));
    }

    /** Snapshot to the heap for writing a checkpoint. */
    public List<TensorData> toTensorData() {
        List<TensorData> out = new ArrayList<>(tensors.size());
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            out.add(new TensorData(e.getKey(), a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    public void setRequiresGradient(boolean requires) {
        for (NDArray a : tensors.values()) {
            a.setRequiresGradient(requires);
        }
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
