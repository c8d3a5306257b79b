package org.rosebench.core.landscape;

import java.util.Locale;

/**
 * What a landscape analysis computes (docs/landscape.md §2).
 *
 * @param dims         1: the loss along one direction; 2: on the plane of two directions
 * @param grid         points per axis, odd (so the centre is on the grid), from {@code -radius} to {@code radius}
 * @param radius       largest step along a filter-normalised direction; 1 moves every filter by its own norm
 * @param directions   random directions for the mean loss increase at {@link LandscapeAnalysis#RADIUS_FRACTIONS}
 *                     of the radius (0: none); the first one (and the second, for dims 2) is the plotted one
 * @param seed         directions, tie-breaking signs of the ε-ascent and (in the callers) the example sample
 * @param biasLn       what the directions hold for 1-D tensors (biases, LayerNorm)
 * @param epsilon      relative half-width of Keskar's box for ε-sharpness (0: not computed)
 * @param epsilonSteps projected sign-gradient ascent steps for ε-sharpness
 */
public record LandscapeOptions(int dims, int grid, double radius, int directions, long seed, BiasLn biasLn,
        double epsilon, int epsilonSteps) {

    public static final int DIMS = 1;
    public static final int GRID = 11;
    public static final double RADIUS = 1.0;
    public static final int DIRECTIONS = 4;
    public static final long SEED = 1;
    public static final double EPSILON = 1e-3;
    public static final int EPSILON_STEPS = 5;
    /** Beyond this many points per axis a 2-D grid costs more than anyone plans for; a guard against typos. */
    public static final int MAX_GRID = 201;

    /**
     * Directions for tensors with one dimension. Li et al.'s code either zeroes them ({@code --xignore biasbn}, what
     * their paper's figures use) or copies the tensor itself into the direction.
     */
    public enum BiasLn {
        /** Not perturbed (Li et al.'s {@code ignore='biasbn'}). */
        ZERO,
        /** The direction is the tensor itself, i.e. already "normalised" to its own norm. */
        WEIGHTS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static BiasLn of(String s) {
            for (BiasLn b : values()) {
                if (b.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return b;
                }
            }
            throw new IllegalArgumentException("bias/LayerNorm directions are 'zero' or 'weights', got '" + s + "'");
        }
    }

    public LandscapeOptions {
        if (dims != 1 && dims != 2) {
            throw new IllegalArgumentException("dims must be 1 or 2, got " + dims);
        }
        if (grid < 3 || grid % 2 == 0 || grid > MAX_GRID) {
            throw new IllegalArgumentException("grid must be odd, in 3.." + MAX_GRID + " (the centre is a grid point), got "
                    + grid);
        }
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be a finite number > 0, got " + radius);
        }
        if (directions < 0) {
            throw new IllegalArgumentException("directions must be >= 0, got " + directions);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number >= 0, got " + epsilon);
        }
        if (epsilonSteps < 1) {
            throw new IllegalArgumentException("epsilon steps must be >= 1, got " + epsilonSteps);
        }
        if (biasLn == null) {
            throw new IllegalArgumentException("bias/LayerNorm directions must be given");
        }
    }

    public static LandscapeOptions defaults() {
        return new LandscapeOptions(DIMS, GRID, RADIUS, DIRECTIONS, SEED, BiasLn.ZERO, EPSILON, EPSILON_STEPS);
    }

    /** The grid coordinates: {@code grid} evenly spaced values from {@code -radius} to {@code radius}, 0 exactly in the middle. */
    public double[] axis() {
        double[] a = new double[grid];
        int half = grid / 2;
        for (int i = 0; i < grid; i++) {
            a[i] = radius * (i - half) / half;
        }
        return a;
    }
}
