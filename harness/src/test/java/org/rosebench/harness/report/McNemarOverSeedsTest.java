package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class McNemarOverSeedsTest {

    private static final McNemarOverSeeds TEST = new McNemarOverSeeds();

    private static PairedTest.PValue test(SeedOutcomes o) {
        return TEST.test(o, null);
    }

    // Three seeds, 16 examples ('1' = correct). Per seed: b = 5, 5, 5 (method only), c = 1, 2, 1 (Vanilla only).
    private static final String[] METHOD = {"1111111111000011", "1111110111001010", "1111011111000111"};
    private static final String[] VANILLA = {"0110100110001011", "0010100111100011", "0110001110010011"};

    @Test
    void threeSeedsCombineWithTheExamplesAsTheUnit() {
        // D_i (method − Vanilla summed over the 3 seeds) = 3 1 0 3 0 3 1 0 0 2 −1 −1 0 1 0 −1, t = 11.
        // Non-zero |D_i|: six 1s, one 2, three 3s; M = 6 + 2 + 9 = 17; T = 2U − 17 ≥ 11 ⇔ U = B1 + 2·B2 + 3·B3 ≥ 14
        // with B1 ~ Bin(6, ½), B2 ~ Bin(1, ½), B3 ~ Bin(3, ½). Sign patterns out of 2^10 = 1024:
        //   B3 = 3, B2 = 1: B1 ≥ 3: 20 + 15 + 6 + 1 = 42;  B3 = 3, B2 = 0: B1 ≥ 5: 6 + 1 = 7;
        //   B3 = 2 (3 ways), B2 = 1: B1 = 6: 3;  nothing else reaches 14.  P(T ≥ 11) = 52/1024, p = 104/1024.
        // Brute force over the 2^10 signs prints 0.1015625:
        // python3 -c "import itertools as I; M=['1111111111000011','1111110111001010','1111011111000111'];
        //   V=['0110100110001011','0010100111100011','0110001110010011'];
        //   D=[sum(int(m[i])-int(v[i]) for m,v in zip(M,V)) for i in range(16)]; z=[abs(d) for d in D if d];
        //   t=abs(sum(D)); print(2*sum(sum(s*d for s,d in zip(S,z))>=t for S in I.product([1,-1],repeat=len(z)))
        //   /2**len(z))"
        PairedTest.PValue p = test(TestSeeds.paired(METHOD, VANILLA));
        assertEquals(104.0 / 1024, p.value(), 1e-15);
        assertEquals("McNemar's exact test over 3 seeds (examples as the unit)", p.test());
    }

    @Test
    void poolingSeedsWouldCountEachSentenceThreeTimes() {
        // The pooled test (and the seed-stratified one: Σ Bin(n_s, ½) = Bin(Σ n_s, ½)) on b = 15, c = 4:
        // python3 -c "from scipy.stats import binomtest; print(binomtest(15, 19, 0.5).pvalue)" -> 0.0192108154296875
        double pooled = new McNemar().pValue(new PairCounts(0, 15, 4, 0));
        assertEquals(0.0192108154296875, pooled, 1e-15);
        assertTrue(test(TestSeeds.paired(METHOD, VANILLA)).value() > 5 * pooled);
    }

    @Test
    void oneSeedIsMcNemarsExactTest() {
        // seed 1 alone: b = 5, c = 1; binomtest(5, 6, 0.5).pvalue = 0.21875 = 2 * 7/64
        PairedTest.PValue p = test(TestSeeds.paired(new String[] {METHOD[0]}, new String[] {VANILLA[0]}));
        assertEquals(0.21875, p.value(), 1e-15);
        assertEquals("McNemar's exact test", p.test());
    }

    @Test
    void identicalCopiesOfOneSeedAddNoEvidence() {
        // three copies of seed 1 must give seed 1's p-value (pooled they would give binomtest(15, 18) = 0.0075)
        SeedOutcomes copies = TestSeeds.paired(new String[] {METHOD[0], METHOD[0], METHOD[0]},
                new String[] {VANILLA[0], VANILLA[0], VANILLA[0]});
        assertEquals(0.21875, test(copies).value(), 1e-15);
    }

    @Test
    void noDifferenceGivesOne() {
        assertEquals(1.0, test(TestSeeds.paired(METHOD, METHOD)).value());
        // differences that cancel: t = 0
        assertEquals(1.0, test(TestSeeds.paired(new String[] {"10", "01"}, new String[] {"01", "10"})).value());
    }

    @Test
    void unpairedSeedsHaveNoMcNemarTest() {
        SeedOutcomes unpaired = SeedOutcomes.ofAligned(TestSeeds.outcomes(METHOD),
                TestSeeds.outcomes(VANILLA[0]), false);
        assertNull(test(unpaired));
    }
}
