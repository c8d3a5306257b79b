package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplingTest {

    private static final List<Example> ITEMS =
            IntStream.range(0, 1000).mapToObj(i -> new Example(i, "t" + i, null, i % 2)).toList();

    @Test
    void sameSeedSameSample() {
        assertEquals(Sampling.subsample(ITEMS, 50, 42), Sampling.subsample(ITEMS, 50, 42));
    }

    @Test
    void differentSeedDifferentSample() {
        assertNotEquals(Sampling.subsample(ITEMS, 50, 42), Sampling.subsample(ITEMS, 50, 43));
    }

    @Test
    void sampleIsDistinctAndInFileOrder() {
        List<Example> s = Sampling.subsample(ITEMS, 200, 7);
        assertEquals(200, s.size());
        assertEquals(200, new HashSet<>(s).size());
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.get(i - 1).index() < s.get(i).index(), "order not preserved at " + i);
        }
    }

    @Test
    void sampleIsPinnedForSeed() {
        // Guards the documented algorithm (java.util.Random + partial Fisher-Yates): changing it changes runs.
        List<Integer> idx = Sampling.subsample(ITEMS.subList(0, 10), 3, 1L).stream().map(Example::index).toList();
        assertEquals(expectedPinned(), idx);
    }

    // Recomputed independently from the documented algorithm.
    private static List<Integer> expectedPinned() {
        int[] pos = IntStream.range(0, 10).toArray();
        java.util.Random r = new java.util.Random(1L);
        for (int i = 0; i < 3; i++) {
            int j = i + r.nextInt(10 - i);
            int t = pos[i];
            pos[i] = pos[j];
            pos[j] = t;
        }
        return IntStream.of(pos).limit(3).sorted().boxed().toList();
    }

    @Test
    void fullSizeReturnsEverythingAndTooLargeFails() {
        assertEquals(ITEMS, Sampling.subsample(ITEMS, ITEMS.size(), 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampling.subsample(ITEMS, 1001, 3));
        assertTrue(e.getMessage().contains("1001 of 1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampling.subsample(ITEMS, -1, 3));
    }

    @Test
    void limitTakesAPrefix() {
        assertEquals(ITEMS.subList(0, 5), Sampling.limit(ITEMS, 5));
        assertEquals(ITEMS, Sampling.limit(ITEMS, 5000));
    }
}
