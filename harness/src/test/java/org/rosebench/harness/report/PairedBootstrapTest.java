package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    private static final double Z975 = 1.959963984540054; // scipy.stats.norm.ppf(0.975)

    private static double[] interval(BootstrapDistribution d) {
        BootstrapDistribution.Interval ci = d.interval(0.95);
        return new double[] {ci.low(), ci.high()};
    }

    @Test
    void equalDifferencesEverywhereGiveAPointInterval() {
        // method right and Vanilla wrong on every example of every seed: every resample has Δ* = 100 exactly
        SeedOutcomes allBetter = TestSeeds.paired(new String[] {"1111", "1111", "1111"},
                new String[] {"0000", "0000", "0000"});
        BootstrapDistribution d = new PairedBootstrap(500, 3).resample(allBetter);
        assertEquals(100.0, d.observed(), 0);
        assertArrayEquals(new double[] {100.0, 100.0}, interval(d), 0);
        assertEquals(2.0 / 501, d.pValue(), 1e-15); // no replicate at or below 0
        // identical outcomes: Δ* = 0 always, p = 1
        SeedOutcomes same = TestSeeds.paired(new String[] {"1010", "0110"}, new String[] {"1010", "0110"});
        BootstrapDistribution zero = new PairedBootstrap(500, 3).resample(same);
        assertArrayEquals(new double[] {0.0, 0.0}, interval(zero), 0);
        assertEquals(1.0, zero.pValue());
    }

    @Test
    void seededAndReproducible() {
        SeedOutcomes o = TestSeeds.paired(new String[] {"1101101110", "1011110101"},
                new String[] {"0100111010", "1000110111"});
        BootstrapDistribution a = new PairedBootstrap(2000, 7).resample(o);
        BootstrapDistribution b = new PairedBootstrap(2000, 7).resample(o);
        BootstrapDistribution c = new PairedBootstrap(2000, 8).resample(o);
        assertArrayEquals(interval(a), interval(b), 0);
        assertEquals(a.pValue(), b.pValue(), 0);
        assertArrayEquals(a.sortedReplicates(), b.sortedReplicates(), 0);
        assertNotEquals(Arrays.toString(a.sortedReplicates()),
                Arrays.toString(c.sortedReplicates()), "another seed draws other resamples");
        assertEquals(2000, a.samples());
    }

    @Test
    void seedsAndExamplesAreResampledCrossedNotNested() {
        // 2 paired seeds × 4 examples, per-seed differences [1,0,0,1] and [0,0,1,1]. Exact distribution of Δ* by
        // enumerating the 4 seed draws × 256 example draws (python3, numpy 2.4.6):
        //   d=[[1,0,0,1],[0,0,1,1]]; v=[100*np.mean([np.mean([d[s][i] for i in e]) for s in S])
        //        for S in itertools.product(range(2), repeat=2) for e in itertools.product(range(4), repeat=4)]
        //   np.mean(v), np.var(v)  -> 50.0 468.75
        // Drawing the examples independently for each drawn seed (nested) would give variance 312.5.
        SeedOutcomes o = TestSeeds.paired(new String[] {"1101", "1011"}, new String[] {"0100", "1000"});
        int b = 200_000;
        BootstrapDistribution d = new PairedBootstrap(b, 11).resample(o);
        double[] replicates = d.sortedReplicates();
        double mean = Arrays.stream(replicates).average().orElseThrow();
        double variance = Arrays.stream(replicates).map(x -> (x - mean) * (x - mean)).sum() / b;
        assertEquals(50.0, d.observed(), 1e-12);
        assertEquals(50.0, mean, 0.25); // standard error sqrt(468.75 / 200000) = 0.048
        assertEquals(468.75, variance, 468.75 * 0.03);
    }

    @Test
    void oneSeedAgreesWithTheNormalTheoryInterval() {
        // 400 examples, method-only 60, Vanilla-only 30: Δ = 7.5 points, SE = 100·sqrt(((b + c)/n − δ²)/n)
        // python3 -c "import numpy as np; n,b,c=400,60,30; d=(b-c)/n; se=np.sqrt(((b+c)/n-d*d)/n);
        //   print(100*se, 100*(d-1.959963984540054*se), 100*(d+1.959963984540054*se))"
        //   -> 2.3418742493993996 2.9100108148554042 12.089989185144596
        StringBuilder m = new StringBuilder();
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            m.append(i < 60 || (i >= 90 && i < 300) ? '1' : '0');
            v.append(i >= 60 && i < 300 ? '1' : '0');
        }
        SeedOutcomes o = TestSeeds.paired(new String[] {m.toString()}, new String[] {v.toString()});
        BootstrapDistribution d = new PairedBootstrap(20_000, 5).resample(o);
        assertEquals(7.5, d.observed(), 1e-12);
        assertEquals(7.5 - Z975 * 2.3418742493993996, d.interval(0.95).low(), 0.3);
        assertEquals(7.5 + Z975 * 2.3418742493993996, d.interval(0.95).high(), 0.3);
        // and McNemar's exact p-value (binomtest(60, 90, 0.5).pvalue = 0.0019...) is matched in size
        assertTrue(d.pValue() < 0.01, "bootstrap p " + d.pValue());
    }

    @Test
    void threeIdenticalSeedsGiveExactlyTheOneSeedInterval() {
        // the examples are drawn once for all seeds: copies of a seed add no information and no width
        String m = "1101101110110";
        String v = "0100111010011";
        BootstrapDistribution one = new PairedBootstrap(3000, 9).resample(TestSeeds.paired(new String[] {m},
                new String[] {v}));
        BootstrapDistribution three = new PairedBootstrap(3000, 9).resample(TestSeeds.paired(
                new String[] {m, m, m}, new String[] {v, v, v}));
        assertArrayEquals(interval(one), interval(three), 1e-12);
    }

    @Test
    void seedToSeedVariationWidensTheInterval() {
        // seed 1: the method is better on all 40 examples, seed 2: worse on all 40. Δ = 0; resampling the two
        // seeds gives Δ* = +100 (seed 1 twice, prob. ¼), 0 (½) or −100 (¼): the interval spans [−100, 100].
        String ones = "1".repeat(40);
        String zeros = "0".repeat(40);
        BootstrapDistribution d = new PairedBootstrap(4000, 2).resample(TestSeeds.paired(
                new String[] {ones, zeros}, new String[] {zeros, ones}));
        assertEquals(0.0, d.observed(), 0);
        assertArrayEquals(new double[] {-100, 100}, interval(d), 0);
        assertEquals(1.0, d.pValue());
    }

    @Test
    void unpairedSeedsCompareTheMeansOfEachSide() {
        // method seeds 75% and 50%, Vanilla seeds 25%, 25%, 50%: Δ = 62.5 − 33.33 = 29.17 points
        SeedOutcomes o = SeedOutcomes.ofAligned(TestSeeds.outcomes("1110", "1100"),
                TestSeeds.outcomes("1000", "0100", "0011"), false);
        BootstrapDistribution d = new PairedBootstrap(2000, 4).resample(o);
        assertEquals(62.5 - 100.0 / 3, d.observed(), 1e-12);
        assertEquals(o.delta(), d.observed(), 1e-12);
        assertTrue(d.interval(0.95).low() <= d.observed() && d.observed() <= d.interval(0.95).high());
    }

    @Test
    void intervalsCoverTheTrueDifferenceAboutAsOftenAsTheyClaim() {
        // 400 data sets of one seed × 200 examples with P(method only) = 0.15, P(Vanilla only) = 0.10: Δ = 5 points.
        // numpy's percentile bootstrap (400 resamples) covers 5 in 0.960 of 3,000 such sets, this one in 0.955:
        //   rng=np.random.default_rng(0); per set: u=rng.random(200); d=np.where(u<.15,1,np.where(u<.25,-1,0));
        //   reps=100*d[rng.integers(0,200,(400,200))].mean(1); lo,hi=np.quantile(reps,[.025,.975]); lo<=5<=hi
        // the band [0.90, 0.995] is over 3.5 binomial standard deviations (0.010) from that on either side.
        SplittableRandom random = TestSeeds.random("PairedBootstrapTest.intervalsCoverTheTrueDifference");
        int sets = 400;
        int covered = 0;
        for (int r = 0; r < sets; r++) {
            boolean[][] m = new boolean[1][200];
            boolean[][] v = new boolean[1][200];
            for (int i = 0; i < 200; i++) {
                double u = random.nextDouble();
                m[0][i] = u < 0.15 || u >= 0.25 && u < 0.75;
                v[0][i] = u >= 0.15 && u < 0.75;
            }
            BootstrapDistribution d = new PairedBootstrap(400, random.nextLong()).resample(
                    SeedOutcomes.ofAligned(m, v, true));
            BootstrapDistribution.Interval ci = d.interval(0.95);
            if (ci.low() <= 5 && 5 <= ci.high()) {
                covered++;
            }
        }
        double coverage = (double) covered / sets;
        System.out.printf("coverage of the 95%% intervals: %.3f over %d data sets%n", coverage, sets);
        assertTrue(coverage >= 0.90 && coverage <= 0.995, "coverage " + coverage);
    }
}
