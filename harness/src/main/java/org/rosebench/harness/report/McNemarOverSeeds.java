package org.rosebench.harness.report;

/**
 * McNemar's exact test extended to several paired seeds with the examples as the unit.
 *
 * <p>The statistic is the pooled McNemar difference t = Σ_s (b_s − c_s) = Σ_i D_i, where D_i ∈ −k..k is example i's
 * good outcomes under the method minus those under the baseline, summed over the k paired seeds. Under H0 the method
 * and the baseline are exchangeable on each example, so D_i is +|D_i| or −|D_i| with probability ½: independently
 * across examples, but jointly for all seeds of one example, since a sentence measured again under another seed is
 * not a new pair. p = min(1, 2·P(T ≥ |t|)) under that sign-flip distribution ({@link SignFlipSum}: exact by
 * convolution, normal beyond thousands of discordant examples). With one seed this is McNemar's exact test, and
 * k identical copies of one seed give that seed's p-value.
 *
 * <p>Why not the textbook stratified combination: conditioning on each seed's discordant count n_s and summing the
 * b_s gives Σ_s Binomial(n_s, ½) = Binomial(Σ n_s, ½), exactly the pooled test that counts a sentence once per seed.
 *
 * <p>Like McNemar's test it compares the trained models at hand on the population of examples; the bootstrap interval
 * ({@link PairedBootstrap}) is what also reflects seed-to-seed variation. Needs paired seeds.
 */
public final class McNemarOverSeeds implements PairedTest {

    @Override
    public PValue test(SeedOutcomes outcomes, BootstrapDistribution bootstrap) {
        if (!outcomes.pairedSeeds()) {
            return null;
        }
        int k = outcomes.methodSeeds().size();
        int[] counts = new int[k + 1];
        long t = 0;
        for (int d : outcomes.seedSummedDifferences()) {
            counts[Math.abs(d)]++;
            t += d;
        }
        SignFlipSum.Tail tail = SignFlipSum.upperTail(counts, Math.abs(t));
        double p = Math.min(1.0, 2 * tail.probability());
        String how = k == 1 ? "McNemar's exact test"
                : tail.exact() ? "McNemar's exact test over " + k + " seeds (examples as the unit)"
                : "McNemar's test over " + k + " seeds (examples as the unit, normal approximation)";
        return new PValue(p, how);
    }

    @Override
    public String description() {
        return "McNemar's exact test with the examples as the unit (per example, the method's good outcomes minus "
                + "its reference's, Vanilla or a contrast's second method, summed over the paired seeds, whose sign is "
                + "+ or − with probability ½ under H0; for one seed, McNemar's exact test; no p-value when the seeds "
                + "do not pair)";
    }
}
