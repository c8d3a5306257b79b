package org.rosebench.harness.report;

/**
 * One method against the baseline on one model, task and evaluation.
 *
 * @param delta         method − baseline accuracy in points: the mean over the method's seeds used minus the mean
 *                      over the baseline's, on the examples both evaluated
 * @param ciLow         lower end of the percentile bootstrap interval of delta
 * @param ciHigh        upper end
 * @param pValue        two-sided p-value of the chosen test, null when it cannot compare the two
 * @param test          the test that gave {@code pValue} ("" when none)
 * @param methodSeeds   seeds of the method used (the seeds both have when they pair)
 * @param baselineSeeds seeds of the baseline used
 * @param pairedSeeds   whether seed s of the method was compared with seed s of the baseline
 * @param examples      examples every seed of both evaluated
 */
public record Comparison(double delta, double ciLow, double ciHigh, Double pValue, String test, int methodSeeds,
        int baselineSeeds, boolean pairedSeeds, int examples) {

    public boolean significant(double alpha) {
        return pValue != null && pValue < alpha;
    }
}
