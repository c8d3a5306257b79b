package org.rosebench.core.landscape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.rosebench.core.model.Weights;
import org.rosebench.core.util.Progress;
import org.rosebench.core.util.StopRequest;

/**
 * The loss around a model's weights (docs/landscape.md): on a grid along one or two filter-normalised random
 * directions ({@link Directions}), at ±{@link #RADIUS_FRACTIONS} of the radius along several random directions,
 * and Keskar et al.'s ε-sharpness. Every perturbed point is computed afresh from the unchanged weights,
 * {@code w + α·d1 + β·d2}, swapped in for the model's tensors and swapped out again, so the weights come back bit for
 * bit (also after a failure).
 */
public final class LandscapeAnalysis {

    /**
     * Version of what the analysis computes (directions, grid, radii, ascent, loss batching). Bump when a change
     * alters results: it is part of the matrix cell keys of every landscape cell.
     */
    public static final String VERSION = "1";

    /** The radii of the loss-increase figures, as fractions of the analysis radius. */
    public static final double[] RADIUS_FRACTIONS = {0.25, 0.5, 1.0};

    /**
     * Sign-gradient step of the ε-ascent per coordinate, as a multiple of the box half-width divided by the steps
     * (Madry et al.'s 2.5·ε/steps): the iterates can reach any corner of the box, and the last steps still move.
     */
    static final double STEP_SCALE = 2.5;

    /** Direction index of the ε-ascent's tie-breaking signs (plotted and radius directions count up from 0). */
    static final int TIE_INDEX = -1;

    private final LossFunction loss;
    private final LandscapeOptions options;
    private final String what;
    private int evaluations;
    private int gradientPasses;

    private LandscapeAnalysis(LossFunction loss, LandscapeOptions options, String what) {
        this.loss = loss;
        this.options = options;
        this.what = what;
    }

    /**
     * Runs the analysis; progress bars on stderr are labelled with {@code what}.
     */
    public static LandscapeResult run(LossFunction loss, LandscapeOptions options, String what) {
        return new LandscapeAnalysis(loss, options, what).run();
    }

    private LandscapeResult run() {
        long start = System.nanoTime();
        Weights w = loss.weights();
        double centre = evaluate();
        double centreSeconds = (System.nanoTime() - start) / 1e9;
        double[] axis = options.axis();
        double[] betas = options.dims() == 2 ? axis : new double[] {0};
        double[][] losses = new double[betas.length][axis.length];
        long gridStart;
        int gridPoints = betas.length * axis.length - 1;
        double gridSeconds;
        List<LandscapeResult.Sharpness> sharpness;
        LandscapeResult.EpsilonSharpness eps = null;
        try (NDManager work = w.manager().newSubManager()) {
            Map<String, NDArray> dx = Directions.filterNormalised(w, options.seed(), 0, options.biasLn(), work);
            Map<String, NDArray> dy = options.dims() == 2
                    ? Directions.filterNormalised(w, options.seed(), 1, options.biasLn(), work) : Map.of();
            gridStart = System.nanoTime();
            try (Progress p = Progress.start(what + " grid", gridPoints, "pt")) {
                for (int j = 0; j < betas.length; j++) {
                    for (int i = 0; i < axis.length; i++) {
                        if (axis[i] == 0 && betas[j] == 0) {
                            losses[j][i] = centre; // w + 0·d is w itself
                            continue;
                        }
                        losses[j][i] = lossAt(w, dx, axis[i], dy, betas[j]);
                        p.stepBy(1, String.format(Locale.ROOT, "(%.3f, %.3f) loss %.4f", axis[i], betas[j],
                                losses[j][i]));
                    }
                }
            }
            gridSeconds = (System.nanoTime() - gridStart) / 1e9;
            close(dx);
            close(dy);
            sharpness = sharpness(w, centre, work);
            if (options.epsilon() > 0) {
                eps = epsilonSharpness(w, centre, work);
            }
        }
        LandscapeResult.Timing timing = new LandscapeResult.Timing((System.nanoTime() - start) / 1e9, centreSeconds, gridPoints,
                gridSeconds, evaluations, gradientPasses);
        return new LandscapeResult(options, centre, axis, betas, losses, sharpness, eps, timing);
    }

    private double evaluate() {
        stopIfRequested();
        evaluations++;
        return finite(loss.loss());
    }

    /**
     * A stop request (SIGTERM) ends the analysis at the next point: an analysis takes minutes and keeps no partial
     * state, so a worker gives its cell back at once rather than run past its time limit.
     */
    private void stopIfRequested() {
        if (StopRequest.global().isRequested()) {
            throw new IllegalStateException(what + " stopped (" + StopRequest.global().reason() + ")");
        }
    }

    /** A NaN in the grid would pass unnoticed into tables and plots. */
    private double finite(double l) {
        if (!Double.isFinite(l)) {
            throw new IllegalStateException(what + ": the loss is " + l + " (radius " + options.radius()
                    + ", epsilon " + options.epsilon() + ")");
        }
        return l;
    }

    /** The loss at {@code w + a·d1 + b·d2}. */
    private double lossAt(Weights w, Map<String, NDArray> d1, double a, Map<String, NDArray> d2, double b) {
        Set<String> names = new LinkedHashSet<>(d1.keySet());
        names.addAll(d2.keySet());
        try (NDManager point = w.manager().newSubManager()) {
            Map<String, NDArray> perturbed = new LinkedHashMap<>();
            for (String name : names) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray change = null;
                    if (d1.containsKey(name) && a != 0) {
                        change = d1.get(name).mul((float) a);
                    }
                    if (d2.containsKey(name) && b != 0) {
                        NDArray c2 = d2.get(name).mul((float) b);
                        change = change == null ? c2 : change.addi(c2);
                    }
                    if (change == null) {
                        continue;
                    }
                    // (a·d1 + b·d2) + w, in place: float addition commutes exactly, one tensor less per point
                    perturbed.put(name, kept(change.addi(w.get(name)), point));
                }
            }
            try (WeightSwap swap = WeightSwap.of(w, perturbed)) {
                return evaluate();
            }
        }
    }

    /** Loss increases at ±fraction·radius along directions 0..D−1 (direction 0 is the plotted x direction). */
    private List<LandscapeResult.Sharpness> sharpness(Weights w, double centre, NDManager work) {
        int k = options.directions();
        List<LandscapeResult.Sharpness> out = new ArrayList<>();
        if (k == 0) {
            return out;
        }
        int n = RADIUS_FRACTIONS.length;
        double[][] plus = new double[n][k];
        double[][] minus = new double[n][k];
        try (Progress p = Progress.start(what + " radii", 2L * n * k, "pt")) {
            for (int d = 0; d < k; d++) {
                Map<String, NDArray> dir = Directions.filterNormalised(w, options.seed(), d, options.biasLn(), work);
                for (int f = 0; f < n; f++) {
                    double r = RADIUS_FRACTIONS[f] * options.radius();
                    plus[f][d] = lossAt(w, dir, r, Map.of(), 0) - centre;
                    p.stepBy(1, String.format(Locale.ROOT, "direction %d, +%.3f: Δloss %.4f", d, r, plus[f][d]));
                    minus[f][d] = lossAt(w, dir, -r, Map.of(), 0) - centre;
                    p.stepBy(1, String.format(Locale.ROOT, "direction %d, -%.3f: Δloss %.4f", d, r, minus[f][d]));
                }
                close(dir);
            }
        }
        for (int f = 0; f < n; f++) {
            double[] perDirection = new double[k];
            double sum = 0;
            for (int d = 0; d < k; d++) {
                perDirection[d] = (plus[f][d] + minus[f][d]) / 2;
                sum += perDirection[d];
            }
            double mean = sum / k;
            double ss = 0;
            for (double v : perDirection) {
                ss += (v - mean) * (v - mean);
            }
            out.add(new LandscapeResult.Sharpness(RADIUS_FRACTIONS[f], RADIUS_FRACTIONS[f] * options.radius(), mean,
                    k > 1 ? Math.sqrt(ss / (k - 1)) : 0, plus[f], minus[f]));
        }
        return out;
    }

    /**
     * ε-sharpness (Keskar et al., 2017, Metric 2.1 with A = I): the largest loss in the box
     * {@code C_ε = {y : |y_i| ≤ ε(|w_i| + 1)}} over every parameter, found by projected sign-gradient ascent from
     * y = 0 (the L∞ steepest ascent; Keskar et al. use L-BFGS-B): {@code y ← clip(y + s·h·sign(∇L(w + y)), −h, h)},
     * {@code h = ε(|w| + 1)}, {@code s = 2.5/steps}. Where the gradient at the start is exactly zero (an exact
     * stationary point, or entries the loss does not depend on) the first step takes a seeded random sign, so a
     * point at an exact minimum still moves.
     */
    private LandscapeResult.EpsilonSharpness epsilonSharpness(Weights w, double centre, NDManager work) {
        int steps = options.epsilonSteps();
        float eps = (float) options.epsilon();
        float stepFraction = (float) (STEP_SCALE / steps);
        List<String> names = List.copyOf(w.names());
        Map<String, NDArray> y = new LinkedHashMap<>();
        double[] iterates = new double[steps + 1];
        try (Progress p = Progress.start(what + " ε-sharpness", steps + 1L, "step")) {
            for (int k = 0; k < steps; k++) {
                try (NDManager point = w.manager().newSubManager()) {
                    Map<String, NDArray> perturbed = new LinkedHashMap<>();
                    for (String name : names) {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            NDArray v = y.containsKey(name) ? w.get(name).add(y.get(name)) : w.get(name).duplicate();
                            NDArray leaf = kept(v, point);
                            leaf.setRequiresGradient(true);
                            perturbed.put(name, leaf);
                        }
                    }
                    stopIfRequested();
                    try (WeightSwap swap = WeightSwap.of(w, perturbed)) {
                        gradientPasses++;
                        iterates[k] = finite(loss.lossWithGradient());
                    }
                    for (String name : names) {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            NDArray w0 = w.get(name);
                            NDArray g = gradient(perturbed.get(name));
                            NDArray sign = g.sign();
                            if (k == 0) {
                                sign = breakTies(name, g, sign);
                            }
                            NDArray h = w0.abs().add(1f).mul(eps);
                            NDArray step = sign.mul(h).mul(stepFraction);
                            NDArray next = (y.containsKey(name) ? y.get(name).add(step) : step).minimum(h).maximum(h.neg());
                            NDArray old = y.put(name, kept(next, work));
                            if (old != null) {
                                old.close();
                            }
                        }
                    }
                }
                p.stepBy(1, String.format(Locale.ROOT, "step %d loss %.4f", k, iterates[k]));
            }
            iterates[steps] = lossAt(w, y, 1, Map.of(), 0);
            p.stepBy(1, String.format(Locale.ROOT, "step %d loss %.4f", steps, iterates[steps]));
        }
        close(y);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= steps; k++) {
            max = Math.max(max, iterates[k]);
        }
        double increase = max - centre;
        return new LandscapeResult.EpsilonSharpness(options.epsilon(), steps, STEP_SCALE / steps, max, increase,
                100 * increase / (1 + centre), iterates);
    }

    /** The gradient of a leaf, zeros when the loss does not reach it (libtorch leaves it undefined then). */
    private static NDArray gradient(NDArray leaf) {
        return JniUtils.getGradient((PtNDArray) leaf) == null ? leaf.zerosLike() : leaf.getGradient();
    }

    /** {@code sign} with each exact zero of {@code g} replaced by a seeded random ±1. */
    private NDArray breakTies(String name, NDArray g, NDArray sign) {
        NDArray zeros = g.eq(0);
        if (!zeros.any().getBoolean()) {
            return sign;
        }
        int n = Math.toIntExact(g.size());
        Random r = new Random(Directions.streamSeed(options.seed(), TIE_INDEX, name));
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextBoolean() ? 1f : -1f;
        }
        NDArray random = g.getManager().create(s, g.getShape());
        return sign.add(zeros.toType(DataType.FLOAT32, false).mul(random));
    }

    /** Moves a scope-registered array out of the scope into {@code owner}, which closes it. */
    private static NDArray kept(NDArray a, NDManager owner) {
        NDScope.unregister(a);
        a.attach(owner);
        return a;
    }

    private static void close(Map<String, NDArray> arrays) {
        arrays.values().forEach(NDArray::close);
    }
}
