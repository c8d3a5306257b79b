package org.rosebench.core.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rosebench.core.Djl;
import org.rosebench.core.landscape.LandscapeOptions.BiasLn;
import org.rosebench.core.model.Weights;

/**
 * The analysis against hand computations: a softmax regression (loss, gradient and curvature along a direction in
 * closed form) and quadratics (everything exact, the ε-box maximum by enumerating its vertices).
 */
class LandscapeAnalysisTest {

    @BeforeAll
    static void quiet() {
        System.setProperty("rose.progress", "false");
    }

    private static LandscapeOptions options(int dims, int grid, double radius, int directions, long seed,
            double epsilon, int steps) {
        return new LandscapeOptions(dims, grid, radius, directions, seed, BiasLn.ZERO, epsilon, steps);
    }

    /** The plotted x direction of {@code seed}, as the analysis draws it, in double. */
    private static double[][] direction(Weights w, String name, long seed, int index, BiasLn biasLn) {
        try (NDManager m = Djl.newManager()) {
            NDArray d = Directions.filterNormalised(w, seed, index, biasLn, m).get(name);
            long[] shape = w.get(name).getShape().getShape();
            double[][] out = new double[(int) shape[0]][(int) (w.get(name).size() / shape[0])];
            float[] f = d.toFloatArray();
            for (int r = 0; r < out.length; r++) {
                for (int c = 0; c < out[r].length; c++) {
                    out[r][c] = f[r * out[r].length + c];
                }
            }
            return out;
        }
    }

    @Test
    void theCurveOfASoftmaxRegressionFollowsItsHandComputedTaylorExpansion() {
        long seed = 5;
        System.out.println("reproduce with: SoftmaxRegression(seed 3, 40 × 6, 3 classes), direction seed " + seed);
        try (SoftmaxRegression model = new SoftmaxRegression(3, 40, 6, 3)) {
            double step = 0.02;
            LandscapeResult r = LandscapeAnalysis.run(model, options(1, 9, 4 * step, 0, seed, 0, 1), "test");
            double[][] dw = direction(model.weights(), SoftmaxRegression.W, seed, 0, BiasLn.ZERO);
            double[] db = new double[model.k]; // ZERO: biases are not perturbed
            assertEquals(model.exactLoss(dw, db, 0), r.centreLoss(), 1e-6);
            double g = model.gradientAlong(dw, db);
            double curvature = model.curvatureAlong(dw, db);
            assertTrue(curvature > 0.01, "a direction with curvature: " + curvature);
            double[] line = r.line();
            for (int i = 0; i < r.alphas().length; i++) {
                double a = r.alphas()[i];
                // the grid is the loss at w + a·d: the same number as the hand computation, to float32 rounding
                assertEquals(model.exactLoss(dw, db, a), line[i], 2e-6, "alpha " + a);
                // and close to its second-order expansion, with an error of third order
                double taylor = r.centreLoss() + a * g + 0.5 * a * a * curvature;
                assertTrue(Math.abs(line[i] - taylor) <= 0.5 * Math.abs(a * a * a) + 2e-6,
                        "alpha " + a + ": " + line[i] + " vs " + taylor);
            }
            // symmetric differences at the smallest step: slope and curvature from the grid alone
            int mid = r.alphas().length / 2;
            double slope = (line[mid + 1] - line[mid - 1]) / (2 * step);
            double second = (line[mid + 1] - 2 * line[mid] + line[mid - 1]) / (step * step);
            assertEquals(g, slope, 1e-3 * Math.max(1, Math.abs(g)));
            assertEquals(curvature, second, 0.02 * curvature);
        }
    }

    @Test
    void radiusFiguresAreTheMeanIncreaseOverBothSignsOfEveryDirection() {
        long seed = 9;
        try (SoftmaxRegression model = new SoftmaxRegression(4, 30, 5, 2)) {
            LandscapeResult r = LandscapeAnalysis.run(model, options(1, 3, 0.2, 3, seed, 0, 1), "test");
            assertEquals(LandscapeAnalysis.RADIUS_FRACTIONS.length, r.sharpness().size());
            double[] db = new double[model.k];
            for (LandscapeResult.Sharpness s : r.sharpness()) {
                double sum = 0;
                double[] perDirection = new double[3];
                for (int k = 0; k < 3; k++) {
                    double[][] dw = direction(model.weights(), SoftmaxRegression.W, seed, k, BiasLn.ZERO);
                    double plus = model.exactLoss(dw, db, s.radius()) - r.centreLoss();
                    double minus = model.exactLoss(dw, db, -s.radius()) - r.centreLoss();
                    assertEquals(plus, s.plus()[k], 2e-6);
                    assertEquals(minus, s.minus()[k], 2e-6);
                    perDirection[k] = (plus + minus) / 2;
                    sum += perDirection[k];
                }
                double mean = sum / 3;
                assertEquals(mean, s.meanIncrease(), 2e-6);
                double ss = 0;
                for (double v : perDirection) {
                    ss += (v - mean) * (v - mean);
                }
                assertEquals(Math.sqrt(ss / 2), s.stdIncrease(), 2e-6);
                assertTrue(s.meanIncrease() > 0, "a minimum-ish point curves upwards on average");
            }
            // the first radius direction is the plotted one: the grid's end point is its +R value
            assertEquals(r.line()[2] - r.centreLoss(), r.sharpness().get(2).plus()[0], 1e-7);
        }
    }

    @Test
    void aQuadraticsCurveAndPlaneAreExactlyItsQuadraticForm() {
        float[] theta0 = {0.5f, -1.25f, 2f, 0.75f, -0.3f, 1.1f};
        double[] g = {0.3, -0.2, 0.1, 0.05, -0.4, 0.25};
        double[][] h = spd(6, 17);
        try (Quadratic q = new Quadratic(theta0, 2, 1.0, g, h)) {
            LandscapeResult r = LandscapeAnalysis.run(q, options(2, 5, 0.5, 0, 21, 0, 1), "test");
            double[] dx = flat(direction(q.weights(), Quadratic.NAME, 21, 0, BiasLn.ZERO));
            double[] dy = flat(direction(q.weights(), Quadratic.NAME, 21, 1, BiasLn.ZERO));
            assertEquals(1.0, r.centreLoss(), 1e-6);
            for (int j = 0; j < r.betas().length; j++) {
                for (int i = 0; i < r.alphas().length; i++) {
                    double[] delta = new double[6];
                    for (int t = 0; t < 6; t++) {
                        delta[t] = r.alphas()[i] * dx[t] + r.betas()[j] * dy[t];
                    }
                    assertEquals(q.at(delta), r.losses()[j][i], 1e-5, "point " + i + ", " + j);
                }
            }
            assertArrayEquals(r.losses()[2], r.line());
        }
    }

    @Test
    void epsilonAscentReachesTheLargestValueOnKeskarsBox() {
        float[] theta0 = {0.5f, -1.25f, 2f, 0.75f};
        double[] g = {0.3, -0.2, 0.1, 0.05};
        double[][] h = spd(4, 3);
        double epsilon = 0.05;
        System.out.println("reproduce with: Quadratic(spd(4, seed 3)), epsilon " + epsilon + ", seed 2");
        try (Quadratic q = new Quadratic(theta0, 2, 1.0, g, h)) {
            LandscapeResult r = LandscapeAnalysis.run(q, options(1, 3, 0.1, 0, 2, epsilon, 5), "test");
            double max = q.maxOnBox(epsilon);
            LandscapeResult.EpsilonSharpness e = r.epsilon();
            assertEquals(max - 1.0, e.maxIncrease(), 1e-5, "the ascent finds the best vertex");
            assertEquals(100 * e.maxIncrease() / (1 + r.centreLoss()), e.keskarPercent(), 1e-9);
            assertEquals(r.centreLoss(), e.iterateLosses()[0], 1e-6, "the ascent starts at the weights");
            assertEquals(6, e.iterateLosses().length);
        }
    }

    @Test
    void atAnExactMinimumTheAscentStillMovesAndFindsTheBoxMaximum() {
        // gradient 0 at the weights: sign(0) would never move; the first step takes seeded random signs instead
        float[] theta0 = {0.5f, -1.25f, 2f, 0.75f};
        double[][] h = {{2, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 3, 0}, {0, 0, 0, 0.5}};
        double epsilon = 0.1;
        try (Quadratic q = new Quadratic(theta0, 2, 0.2, new double[4], h)) {
            LandscapeResult r = LandscapeAnalysis.run(q, options(1, 3, 0.1, 0, 4, epsilon, 3), "test");
            double analytic = 0;
            for (int i = 0; i < 4; i++) {
                double half = epsilon * (Math.abs(theta0[i]) + 1);
                analytic += 0.5 * h[i][i] * half * half;
            }
            assertEquals(analytic, q.maxOnBox(epsilon) - 0.2, 1e-12);
            assertEquals(analytic, r.epsilon().maxIncrease(), 1e-5);
        }
    }

    @Test
    void filterNormalisedDirectionsHaveTheFiltersNorms() {
        try (NDManager m = Djl.newManager(); Weights w = new Weights(m.newSubManager())) {
            float[] dense = new float[5 * 3];
            for (int i = 0; i < dense.length; i++) {
                dense[i] = (float) Math.sin(i + 1) * (1 + i % 3);
            }
            float[] emb = new float[4 * 6];
            for (int i = 6; i < emb.length; i++) { // row 0 stays zero (a padding row)
                emb[i] = (float) Math.cos(i);
            }
            w.replace("emb.weight", w.manager().create(emb, new Shape(4, 6)));
            w.replace("dense.weight", w.manager().create(dense, new Shape(5, 3)));
            w.replace("dense.bias", w.manager().create(new float[] {1, 2, 3, 4, 5}));
            w.replace("LayerNorm.weight", w.manager().create(new float[] {1, 1, 1}));

            Map<String, NDArray> zero = Directions.filterNormalised(w, 7, 0, BiasLn.ZERO, m);
            assertEquals(java.util.Set.of("emb.weight", "dense.weight"), zero.keySet(), "1-D tensors are not perturbed");
            assertRowNorms(dense, zero.get("dense.weight").toFloatArray(), 5, 3);
            float[] e = zero.get("emb.weight").toFloatArray();
            assertRowNorms(emb, e, 4, 6);
            for (int i = 0; i < 6; i++) {
                assertEquals(0.0, e[i], 0.0, "a zero filter gets a zero direction");
            }

            Map<String, NDArray> copies = Directions.filterNormalised(w, 7, 0, BiasLn.WEIGHTS, m);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5}, copies.get("dense.bias").toFloatArray());
            assertArrayEquals(zero.get("dense.weight").toFloatArray(), copies.get("dense.weight").toFloatArray());

            // a direction depends on (seed, index, name) only: not on the other tensors of the model
            try (Weights alone = new Weights(m.newSubManager())) {
                alone.replace("dense.weight", alone.manager().create(dense, new Shape(5, 3)));
                assertArrayEquals(zero.get("dense.weight").toFloatArray(),
                        Directions.filterNormalised(alone, 7, 0, BiasLn.ZERO, m).get("dense.weight").toFloatArray());
            }
            assertFalse(Arrays.equals(zero.get("dense.weight").toFloatArray(),
                    Directions.filterNormalised(w, 7, 1, BiasLn.ZERO, m).get("dense.weight").toFloatArray()));
            assertFalse(Arrays.equals(zero.get("dense.weight").toFloatArray(),
                    Directions.filterNormalised(w, 8, 0, BiasLn.ZERO, m).get("dense.weight").toFloatArray()));
        }
    }

    private static void assertRowNorms(float[] w, float[] d, int rows, int cols) {
        boolean differs = false;
        for (int r = 0; r < rows; r++) {
            double nw = 0;
            double nd = 0;
            for (int c = 0; c < cols; c++) {
                nw += (double) w[r * cols + c] * w[r * cols + c];
                nd += (double) d[r * cols + c] * d[r * cols + c];
                differs |= Math.abs(d[r * cols + c] - w[r * cols + c]) > 1e-3;
            }
            assertEquals(Math.sqrt(nw), Math.sqrt(nd), 1e-6 * Math.max(1, Math.sqrt(nw)), "row " + r);
        }
        assertTrue(differs, "a random direction, not the weights");
    }

    @Test
    void aSeedReproducesEveryNumberAndAnotherSeedChangesThem() {
        try (SoftmaxRegression model = new SoftmaxRegression(6, 25, 4, 3)) {
            LandscapeOptions o = options(2, 3, 0.5, 2, 11, 0.01, 2);
            LandscapeResult a = LandscapeAnalysis.run(model, o, "test");
            LandscapeResult b = LandscapeAnalysis.run(model, o, "test");
            assertTrue(Arrays.deepEquals(a.losses(), b.losses()));
            for (int f = 0; f < a.sharpness().size(); f++) {
                assertArrayEquals(a.sharpness().get(f).plus(), b.sharpness().get(f).plus());
                assertArrayEquals(a.sharpness().get(f).minus(), b.sharpness().get(f).minus());
            }
            assertArrayEquals(a.epsilon().iterateLosses(), b.epsilon().iterateLosses());
            LandscapeResult c = LandscapeAnalysis.run(model, options(2, 3, 0.5, 2, 12, 0.01, 2), "test");
            assertFalse(Arrays.deepEquals(a.losses(), c.losses()));
            assertEquals(a.centreLoss(), c.centreLoss());
        }
    }

    @Test
    void theWeightsComeBackBitForBitAlsoAfterAFailure() {
        try (SoftmaxRegression model = new SoftmaxRegression(8, 20, 4, 3)) {
            Weights w = model.weights();
            // a negative zero and a subnormal: values an arithmetic restore (w − w + w0, w + d − d) can lose
            float[] v = w.get(SoftmaxRegression.W).toFloatArray();
            v[0] = -0.0f;
            v[1] = Float.MIN_VALUE;
            v[2] = 1e-30f;
            w.replace(SoftmaxRegression.W, w.manager().create(v, new Shape(3, 4)));
            Map<String, NDArray> before = new LinkedHashMap<>(w.asMap());
            Map<String, int[]> bits = bits(w);
            LandscapeAnalysis.run(model, new LandscapeOptions(2, 3, 0.7, 2, 3, BiasLn.WEIGHTS, 0.05, 3), "test");
            before.forEach((name, array) -> assertSame(array, w.get(name), name + " is the model's own tensor again"));
            assertBits(bits, w);

            LossFunction failing = new LossFunction() {
                int calls;

                @Override
                public Weights weights() {
                    return w;
                }

                @Override
                public double loss() {
                    if (++calls == 4) {
                        throw new IllegalStateException("out of memory, say");
                    }
                    return model.loss();
                }

                @Override
                public double lossWithGradient() {
                    return model.lossWithGradient();
                }
            };
            assertThrows(IllegalStateException.class,
                    () -> LandscapeAnalysis.run(failing, options(1, 5, 0.5, 1, 3, 0, 1), "test"));
            before.forEach((name, array) -> assertSame(array, w.get(name), name));
            assertBits(bits, w);
        }
    }

    @Test
    void aStopRequestEndsTheAnalysisWithTheWeightsRestored() {
        try (SoftmaxRegression model = new SoftmaxRegression(8, 20, 4, 3)) {
            Map<String, int[]> bits = bits(model.weights());
            org.rosebench.core.util.StopRequest.global().request("SIGTERM");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> LandscapeAnalysis.run(model, options(1, 5, 0.5, 1, 3, 0.01, 1), "test"));
            assertTrue(e.getMessage().contains("stopped (SIGTERM)"), e.getMessage());
            assertBits(bits, model.weights());
        } finally {
            org.rosebench.core.util.StopRequest.global().clear();
        }
    }

    private static Map<String, int[]> bits(Weights w) {
        Map<String, int[]> out = new LinkedHashMap<>();
        w.asMap().forEach((name, a) -> {
            float[] f = a.toFloatArray();
            int[] b = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                b[i] = Float.floatToRawIntBits(f[i]);
            }
            out.put(name, b);
        });
        return out;
    }

    private static void assertBits(Map<String, int[]> expected, Weights w) {
        assertEquals(expected.keySet(), w.names());
        bits(w).forEach((name, b) -> assertArrayEquals(expected.get(name), b, name));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> options(3, 11, 1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(1, 10, 1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(1, 1, 1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(1, 11, 0, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(1, 11, 1, -1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> options(1, 11, 1, 1, 1, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> options(1, 11, 1, 1, 1, 0, 0));
        assertEquals(BiasLn.WEIGHTS, BiasLn.of("Weights"));
        assertThrows(IllegalArgumentException.class, () -> BiasLn.of("random"));
        double[] axis = options(1, 5, 2, 0, 1, 0, 1).axis();
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, axis);
        assertNotEquals(0, LandscapeOptions.defaults().grid() % 2);
    }

    /** A random symmetric positive definite n × n matrix: AᵀA/n + I/2. */
    private static double[][] spd(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] a = new double[n][n];
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < n; t++) {
                    h[i][j] += a[t][i] * a[t][j] / n;
                }
            }
            h[i][i] += 0.5;
        }
        return h;
    }

    private static double[] flat(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }
}
