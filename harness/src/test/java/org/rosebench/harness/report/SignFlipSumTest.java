package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * References from an independent implementation (python3 with scipy 1.17.1, numpy 2.4.6;
 * {@code import numpy as np; from scipy.stats import binom}):
 * <pre>
 * def upper(counts, t):   # P(T >= t), counts = {magnitude j: m_j}
 *     pmf = np.array([1.0])
 *     for j, m in counts.items():
 *         s = np.zeros(j*m + 1); s[::j] = binom.pmf(np.arange(m + 1), m, 0.5); pmf = np.convolve(pmf, s)
 *     M = sum(j*m for j, m in counts.items()); return pmf[-(-(t + M)//2):].sum()
 * </pre>
 */
class SignFlipSumTest {

    private static final int[] MODERATE = {0, 30, 20, 10}; // 30 ones, 20 twos, 10 threes

    @Test
    void exactConvolutionMatchesNumpy() {
        assertEquals(0.5280034662253578, SignFlipSum.upperTail(MODERATE, 0).probability(), 1e-13);
        assertEquals(0.21949720820535976, SignFlipSum.upperTail(MODERATE, 12).probability(), 1e-13);
        assertEquals(0.019765034570396595, SignFlipSum.upperTail(MODERATE, 30).probability(), 1e-14);
        // T = 2U − 100 is even: T ≥ 31 is T ≥ 32
        assertEquals(0.013762394208051417, SignFlipSum.upperTail(MODERATE, 31).probability(), 1e-14);
        assertEquals(6.827792383232863e-06, SignFlipSum.upperTail(MODERATE, 60).probability(), 1e-18);
        // the maximum, every sign +: 2^-60 = 8.673617379884035e-19
        assertEquals(Math.pow(2, -60), SignFlipSum.upperTail(MODERATE, 100).probability(), 1e-30);
        assertEquals(0.0, SignFlipSum.upperTail(MODERATE, 101).probability());
        assertEquals(1.0, SignFlipSum.upperTail(MODERATE, -100).probability());
        assertTrue(SignFlipSum.upperTail(MODERATE, 30).exact());
    }

    @Test
    void normalApproximationMatchesScipyAndTheExactTail() {
        // 3,000 ones, 2,000 twos, 1,000 threes: σ² = 3000 + 4·2000 + 9·1000 = 20,000, half a step g = 1.
        // python3 -c "from scipy.stats import norm; print(norm.sf((150 - 1) / 20000 ** 0.5),
        //   norm.sf(299 / 20000 ** 0.5))"
        //   -> 0.1460355399521312 0.01724699111424067; numpy's exact tails (upper above): 0.14604455205709438,
        //   0.017243031786642358
        int[] big = {0, 3000, 2000, 1000};
        SignFlipSum.Tail normal150 = SignFlipSum.upperTail(big, 150, 0);
        assertFalse(normal150.exact());
        assertEquals(0.1460355399521312, normal150.probability(), 1e-12);
        assertEquals(0.01724699111424067, SignFlipSum.upperTail(big, 300, 0).probability(), 1e-13);
        SignFlipSum.Tail exact150 = SignFlipSum.upperTail(big, 150);
        assertTrue(exact150.exact());
        assertEquals(0.14604455205709438, exact150.probability(), 1e-12);
        assertEquals(0.017243031786642358, SignFlipSum.upperTail(big, 300).probability(), 1e-13);
    }

    @Test
    void oneMagnitudeIsMcNemarsBinomialAtAnySize() {
        // 40,000 twos: T = 2·(2B − 40000); T ≥ 400 ⇔ B ≥ 20100 ⇔ (by symmetry) B ≤ 19900
        SignFlipSum.Tail tail = SignFlipSum.upperTail(new int[] {0, 0, 40_000}, 400);
        assertTrue(tail.exact());
        // python3 -c "from scipy.stats import binom; print(binom.cdf(19900, 40000, 0.5))" -> 0.15986813722026752
        assertEquals(0.15986813722026752, tail.probability(), 1e-10);
        // and with magnitude 1 it is McNemar's tail: b = 3, c = 11 -> P(T ≥ 8) = P(B ≤ 3) over 14 = 470/16384
        assertEquals(470.0 / 16384, SignFlipSum.upperTail(new int[] {0, 14}, 8).probability(), 1e-15);
    }

    @Test
    void halfBinomialProbabilitiesSumToOneBeyondUnderflow() {
        double sum = 0;
        for (double p : SignFlipSum.halfBinomialPmf(5000)) {
            sum += p;
        }
        assertEquals(1.0, sum, 1e-12);
    }
}
