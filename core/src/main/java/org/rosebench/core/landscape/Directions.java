package org.rosebench.core.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.rosebench.core.model.Weights;

/**
 * Filter-normalised random directions (Li et al., 2018, §4; their {@code net_plotter.py}): per tensor a Gaussian
 * tensor of its shape, each filter rescaled to the norm of the same filter of the weights,
 * {@code d_i ← d_i · ‖w_i‖ / (‖d_i‖ + 1e-10)}. A filter is a slice along the first dimension: for a Linear weight
 * {@code [out, in]} the row of one output unit, for an embedding table the vector of one token. Tensors with one
 * dimension (biases, LayerNorm) get {@link LandscapeOptions.BiasLn#ZERO} (left out, null in the map) or the tensor
 * itself.
 *
 * <p>The Gaussian entries come from {@code java.util.Random}, whose {@code nextGaussian} is specified, seeded per
 * tensor from (seed, direction index, tensor name): a direction is the same on every device and engine and does not
 * depend on which other tensors the model has.
 */
public final class Directions {

    /** Li et al.'s guard against a zero filter of the direction. */
    static final double NORM_GUARD = 1e-10;

    private Directions() {}

    /**
     * Direction {@code index} for every tensor of {@code weights}, created in {@code into} (outside any scope); a
     * tensor whose direction is zero is absent.
     */
    public static Map<String, NDArray> filterNormalised(Weights weights, long seed, int index,
            LandscapeOptions.BiasLn biasLn, NDManager into) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : weights.asMap().entrySet()) {
            NDArray w = e.getValue();
            Shape shape = w.getShape();
            if (shape.dimension() <= 1) {
                if (biasLn == LandscapeOptions.BiasLn.WEIGHTS) {
                    NDArray d = w.duplicate();
                    d.attach(into);
                    NDScope.unregister(d);
                    out.put(e.getKey(), d);
                }
                continue;
            }
            NDArray d;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = into.create(gaussian(Math.toIntExact(shape.size()), streamSeed(seed, index, e.getKey())),
                        shape).toDevice(w.getDevice(), false);
                long rows = shape.get(0);
                NDArray flat = g.reshape(rows, -1);
                NDArray dNorm = flat.norm(new int[] {1}, true);
                NDArray wNorm = w.reshape(rows, -1).norm(new int[] {1}, true);
                d = flat.mul(wNorm.div(dNorm.add((float) NORM_GUARD))).reshape(shape);
                d.attach(into);
                NDScope.unregister(d);
            }
            out.put(e.getKey(), d);
        }
        return out;
    }

    /** n standard normal floats from one seeded stream. */
    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /**
     * The seed of one tensor's stream: SplitMix64's finaliser over the seed, the direction index and a 64-bit FNV-1a
     * hash of the tensor's name, so nearby seeds and indices give unrelated streams.
     */
    static long streamSeed(long seed, int index, String tensor) {
        long h = 0xcbf29ce484222325L;
        for (byte b : tensor.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(mix(mix(seed) + index) ^ h);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
