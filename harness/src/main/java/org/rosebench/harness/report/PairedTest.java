package org.rosebench.harness.report;

/** A two-sided paired significance test of a method against the baseline on per-example outcomes over seeds. */
public interface PairedTest {

    /**
     * A p-value and the name of the test that gave it (e.g. with the approximation used).
     *
     * @param value two-sided p-value of "method and baseline are equally good"
     * @param test  for summary.csv, e.g. "McNemar's exact test"
     */
    record PValue(double value, String test) {}

    /**
     * The p-value, or null when this test cannot compare the two (e.g. no seed in common). {@code bootstrap} is the
     * same comparison's bootstrap distribution, already drawn for the confidence interval.
     */
    PValue test(SeedOutcomes outcomes, BootstrapDistribution bootstrap);

    /** What the test does, for the note under a table. */
    String description();
}
