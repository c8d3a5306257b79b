package org.rosebench.harness.report;

/**
 * The 2×2 table of paired per-example outcomes of a method against the baseline under one seed.
 *
 * @param both         good under both
 * @param onlyMethod   good under the method only (discordant)
 * @param onlyBaseline good under the baseline only (discordant)
 * @param neither      good under neither
 */
public record PairCounts(int both, int onlyMethod, int onlyBaseline, int neither) {

    public static final PairCounts EMPTY = new PairCounts(0, 0, 0, 0);

    public PairCounts {
        if (both < 0 || onlyMethod < 0 || onlyBaseline < 0 || neither < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    public int total() {
        return both + onlyMethod + onlyBaseline + neither;
    }
}
