package org.rosebench.core.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.rosebench.core.Djl;
import org.rosebench.core.model.Scalars;
import org.rosebench.core.model.Weights;

/**
 * {@code f(θ) = c + gᵀ(θ − θ0) + ½ (θ − θ0)ᵀ H (θ − θ0)} over one {@code [rows, cols]} tensor (θ flattened row-major):
 * every quantity the analysis reports has a closed form.
 */
final class Quadratic implements LossFunction, AutoCloseable {

    static final String NAME = "layer.weight";

    final double c;
    final double[] g;
    final double[][] h;
    final float[] theta0;
    private final Weights weights;
    private final NDArray gArray;
    private final NDArray hArray;
    private final NDArray theta0Array;

    Quadratic(float[] theta0, int rows, double c, double[] g, double[][] h) {
        this.c = c;
        this.g = g;
        this.h = h;
        this.theta0 = theta0.clone();
        NDManager m = Djl.newManager();
        weights = new Weights(m);
        weights.replace(NAME, m.create(theta0, new Shape(rows, theta0.length / rows)));
        int n = theta0.length;
        float[] hf = new float[n * n];
        float[] gf = new float[n];
        for (int i = 0; i < n; i++) {
            gf[i] = (float) g[i];
            for (int j = 0; j < n; j++) {
                hf[i * n + j] = (float) h[i][j];
            }
        }
        gArray = m.create(gf);
        hArray = m.create(hf, new Shape(n, n));
        theta0Array = m.create(theta0);
    }

    @Override
    public Weights weights() {
        return weights;
    }

    @Override
    public double loss() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return value().getFloat();
        }
    }

    @Override
    public double lossWithGradient() {
        try (NDScope scope = new NDScope(); GradientCollector collector = Djl.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray v = value();
            collector.backward(v);
            return v.getFloat();
        }
    }

    private NDArray value() {
        NDArray delta = weights.get(NAME).flatten().sub(theta0Array);
        NDArray quad = delta.reshape(1, -1).matMul(hArray).reshape(-1).mul(delta).sum().mul(Scalars.of(delta, 0.5));
        return gArray.mul(delta).sum().add(quad).add(Scalars.of(delta, c));
    }

    /** f at {@code θ0 + delta}, in double. */
    double at(double[] delta) {
        double v = c;
        for (int i = 0; i < delta.length; i++) {
            v += g[i] * delta[i];
            for (int j = 0; j < delta.length; j++) {
                v += 0.5 * delta[i] * h[i][j] * delta[j];
            }
        }
        return v;
    }

    /**
     * The largest value of f on the box {@code |δ_i| ≤ ε(|θ0_i| + 1)}: f is convex, so its maximum over the box is at a
     * vertex; all 2^n are tried.
     */
    double maxOnBox(double epsilon) {
        int n = theta0.length;
        double best = Double.NEGATIVE_INFINITY;
        for (int mask = 0; mask < (1 << n); mask++) {
            double[] delta = new double[n];
            for (int i = 0; i < n; i++) {
                double half = epsilon * (Math.abs(theta0[i]) + 1);
                delta[i] = (mask >> i & 1) == 1 ? half : -half;
            }
            best = Math.max(best, at(delta));
        }
        return best;
    }

    @Override
    public void close() {
        weights.close();
    }
}
