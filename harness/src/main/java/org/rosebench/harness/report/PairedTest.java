package org.rosebench.harness.report;

/** A two-sided paired significance test of a method against the baseline on per-example outcomes. */
public interface PairedTest {

    /** Two-sided p-value of "method and baseline are equally good"; 1 when there is nothing to compare. */
    double pValue(PairCounts pairs);

    /** One sentence for the note under a table, e.g. "McNemar's exact test". */
    String description();
}
