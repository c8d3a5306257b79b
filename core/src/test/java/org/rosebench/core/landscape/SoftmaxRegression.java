package org.rosebench.core.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.rosebench.core.Djl;
import org.rosebench.core.model.Weights;

/**
 * A linear softmax classifier on fixed data, {@code z_i = W x_i + b}, mean cross-entropy: a model whose loss,
 * gradient and Hessian along a direction are written down by hand ({@link #exactLoss}, {@link #gradientAlong},
 * {@link #curvatureAlong}) in double precision.
 */
final class SoftmaxRegression implements LossFunction, AutoCloseable {

    static final String W = "classifier.weight";
    static final String B = "classifier.bias";

    final int n;
    final int d;
    final int k;
    final double[][] x;
    final int[] y;
    private final Weights weights;

    SoftmaxRegression(long seed, int n, int d, int k) {
        this.n = n;
        this.d = d;
        this.k = k;
        Random r = new Random(seed);
        x = new double[n][d];
        y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = r.nextInt(k);
        }
        float[] w = new float[k * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.7 * r.nextGaussian());
        }
        float[] b = new float[k];
        for (int i = 0; i < k; i++) {
            b[i] = (float) (0.3 * r.nextGaussian());
        }
        NDManager m = Djl.newManager();
        weights = new Weights(m);
        weights.replace(W, m.create(w, new Shape(k, d)));
        weights.replace(B, m.create(b, new Shape(k)));
    }

    @Override
    public Weights weights() {
        return weights;
    }

    @Override
    public double loss() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return perExample().mean().getFloat();
        }
    }

    @Override
    public double lossWithGradient() {
        try (NDScope scope = new NDScope(); GradientCollector c = Djl.engine().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray l = perExample().mean();
            c.backward(l);
            return l.getFloat();
        }
    }

    private NDArray perExample() {
        NDManager m = weights.manager();
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) x[i][j];
            }
        }
        NDArray xs = m.create(flat, new Shape(n, d));
        NDArray logits = xs.matMul(weights.get(W).transpose()).add(weights.get(B));
        NDArray oneHot = m.create(y).oneHot(k);
        return logits.logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
    }

    /** The current weights as doubles, {@code [k][d]} and {@code [k]}. */
    double[][] w() {
        float[] f = weights.get(W).toFloatArray();
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[c][j] = f[c * d + j];
            }
        }
        return out;
    }

    double[] b() {
        float[] f = weights.get(B).toFloatArray();
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = f[c];
        }
        return out;
    }

    private double[] probabilities(double[][] w, double[] b, int i) {
        double[] z = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            z[c] = b[c];
            for (int j = 0; j < d; j++) {
                z[c] += w[c][j] * x[i][j];
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < k; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /** Mean cross-entropy at {@code (w + a·dw, b + a·db)}, in double. */
    double exactLoss(double[][] dw, double[] db, double a) {
        double[][] w = w();
        double[] b = b();
        for (int c = 0; c < k; c++) {
            b[c] += a * db[c];
            for (int j = 0; j < d; j++) {
                w[c][j] += a * dw[c][j];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum -= Math.log(probabilities(w, b, i)[y[i]]);
        }
        return sum / n;
    }

    /** Directional derivative {@code ∇L·(dw, db)} at the current weights: {@code (1/n) Σ (p_i − e_{y_i})·(dw x_i + db)}. */
    double gradientAlong(double[][] dw, double[] db) {
        double[][] w = w();
        double[] b = b();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities(w, b, i);
            double[] u = change(dw, db, i);
            for (int c = 0; c < k; c++) {
                sum += (p[c] - (c == y[i] ? 1 : 0)) * u[c];
            }
        }
        return sum / n;
    }

    /**
     * Second directional derivative {@code (dw, db)ᵀ H (dw, db)}: the logits are linear in the weights, so
     * {@code H = (1/n) Σ Jᵢᵀ (diag(p_i) − p_i p_iᵀ) Jᵢ}, i.e. {@code (1/n) Σ (Σ_c p_c u_c² − (Σ_c p_c u_c)²)} with
     * {@code u = dw x_i + db}, the change of the logits.
     */
    double curvatureAlong(double[][] dw, double[] db) {
        double[][] w = w();
        double[] b = b();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities(w, b, i);
            double[] u = change(dw, db, i);
            double pu = 0;
            double puu = 0;
            for (int c = 0; c < k; c++) {
                pu += p[c] * u[c];
                puu += p[c] * u[c] * u[c];
            }
            sum += puu - pu * pu;
        }
        return sum / n;
    }

    private double[] change(double[][] dw, double[] db, int i) {
        double[] u = new double[k];
        for (int c = 0; c < k; c++) {
            u[c] = db[c];
            for (int j = 0; j < d; j++) {
                u[c] += dw[c][j] * x[i][j];
            }
        }
        return u;
    }

    @Override
    public void close() {
        weights.close();
    }
}
