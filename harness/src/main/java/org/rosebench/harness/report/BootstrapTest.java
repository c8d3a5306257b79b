package org.rosebench.harness.report;

/** {@code --test bootstrap}: the p-value of the seeds × examples bootstrap ({@link BootstrapDistribution#pValue}). */
public final class BootstrapTest implements PairedTest {

    private final PairedBootstrap bootstrap;

    public BootstrapTest(PairedBootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public PValue test(SeedOutcomes outcomes, BootstrapDistribution distribution) {
        return new PValue(distribution.pValue(), bootstrap.description());
    }

    @Override
    public String description() {
        return bootstrap.description() + ", p from the percentile interval";
    }
}
