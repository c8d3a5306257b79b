package org.rosebench.harness.report;

import java.util.SplittableRandom;

/**
 * Randomness for tests: the seed comes from {@code -Dtests.seed=N} or is picked at random, and is printed so that a
 * failure can be reproduced.
 */
final class TestSeeds {

    private TestSeeds() {}

    static SplittableRandom random(String test) {
        String given = System.getProperty("tests.seed");
        long seed = given != null ? Long.parseLong(given) : new SplittableRandom().nextLong();
        System.out.printf("%s: reproduce with -Dtests.seed=%d%n", test, seed);
        return new SplittableRandom(seed);
    }

    /** Per seed a string of '1' (good) and '0' (not good), one character per example. */
    static boolean[][] outcomes(String... seeds) {
        boolean[][] out = new boolean[seeds.length][];
        for (int s = 0; s < seeds.length; s++) {
            out[s] = new boolean[seeds[s].length()];
            for (int i = 0; i < seeds[s].length(); i++) {
                out[s][i] = seeds[s].charAt(i) == '1';
            }
        }
        return out;
    }

    /** Paired seeds: method[s] against baseline[s]. */
    static SeedOutcomes paired(String[] method, String[] baseline) {
        return SeedOutcomes.ofAligned(outcomes(method), outcomes(baseline), true);
    }
}
