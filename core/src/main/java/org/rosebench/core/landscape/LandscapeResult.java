package org.rosebench.core.landscape;

import java.util.List;

/**
 * What {@link LandscapeAnalysis} measured. Losses are the loss function's (for a classifier: mean cross-entropy in
 * nats).
 *
 * @param centreLoss loss at the weights themselves
 * @param alphas     grid coordinates along the first direction
 * @param betas      grid coordinates along the second direction; a single 0 for a 1-D analysis
 * @param losses     {@code losses[j][i]}: loss at {@code w + alphas[i]·d1 + betas[j]·d2}
 * @param sharpness  mean loss increase at each fraction of the radius (empty without random directions)
 * @param epsilon    ε-sharpness, or null when not computed
 */
public record LandscapeResult(LandscapeOptions options, double centreLoss, double[] alphas, double[] betas,
        double[][] losses, List<Sharpness> sharpness, EpsilonSharpness epsilon, Timing timing) {

    /** The 1-D curve: the loss along the first direction (the {@code beta = 0} row of a 2-D grid). */
    public double[] line() {
        return losses[betas.length / 2];
    }

    /**
     * The loss increase at one radius, over {@code ±radius} along each random direction.
     *
     * @param fraction     of the analysis radius
     * @param meanIncrease mean over the 2·D points of {@code L(w ± r·d) − L(w)}
     * @param stdIncrease  sample std over the D directions of each direction's mean of its two points (0 for one)
     * @param plus         {@code L(w + r·d_k) − L(w)} per direction
     * @param minus        {@code L(w − r·d_k) − L(w)} per direction
     */
    public record Sharpness(double fraction, double radius, double meanIncrease, double stdIncrease, double[] plus,
            double[] minus) {}

    /**
     * Keskar et al.'s ε-sharpness: the largest loss found in the box {@code |y_i| ≤ ε(|w_i| + 1)} by projected
     * sign-gradient ascent.
     *
     * @param maxLoss        the largest loss among the ascent's iterates after the start
     * @param maxIncrease    {@code maxLoss − L(w)}
     * @param keskarPercent  {@code 100 · maxIncrease / (1 + L(w))}, Keskar et al.'s normalisation
     * @param iterateLosses  loss at each iterate {@code y_0 = 0, y_1, …, y_steps}
     */
    public record EpsilonSharpness(double epsilon, int steps, double stepFraction, double maxLoss,
            double maxIncrease, double keskarPercent, double[] iterateLosses) {}

    /**
     * @param seconds          wall time of the whole analysis
     * @param centreSeconds    wall time of the loss at the weights themselves: one evaluation of the examples
     * @param gridPoints       loss evaluations on the grid (the centre, computed once, not counted)
     * @param gridSeconds      wall time of those evaluations
     * @param lossEvaluations  loss evaluations in all (centre, grid, radii, last ascent iterate)
     * @param gradientPasses   loss-and-gradient passes of the ascent
     */
    public record Timing(double seconds, double centreSeconds, int gridPoints, double gridSeconds, int lossEvaluations, int gradientPasses) {
        public double secondsPerGridPoint() {
            return gridPoints == 0 ? 0 : gridSeconds / gridPoints;
        }
    }
}
