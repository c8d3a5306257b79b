package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {

    @Test
    void equalLengthsShareOnePassUpToTheBatchSize() {
        assertEquals(1, LengthBatches.plan(new int[] {7, 7, 7, 7, 7}, 64, 32).size());
        List<int[]> plan = LengthBatches.plan(new int[] {7, 7, 7, 7, 7}, 2, 32);
        assertEquals(3, plan.size());
        for (int[] pass : plan) {
            assertTrue(pass.length <= 2);
        }
    }

    @Test
    void aLongOutlierGetsItsOwnPassWhenPaddingItCostsMore() {
        // one pass: 5 rows x 100 + 32 = 532; split: 4 x 10 + 32 + 100 + 32 = 204
        List<int[]> plan = LengthBatches.plan(new int[] {10, 100, 10, 10, 10}, 64, 32);
        assertEquals(2, plan.size());
        assertArrayEquals(new int[] {0, 2, 3, 4}, plan.get(0));
        assertArrayEquals(new int[] {1}, plan.get(1));
        // close lengths stay together: 3 x 12 + 32 = 68 < 10 + 32 + 2 x 12 + 32 = 98
        assertEquals(1, LengthBatches.plan(new int[] {12, 10, 12}, 64, 32).size());
    }

    @Test
    void emptyInputAndBadBatchSize() {
        assertEquals(List.of(), LengthBatches.plan(new int[0], 4, 32));
        assertThrows(IllegalArgumentException.class, () -> LengthBatches.plan(new int[] {3}, 0, 32));
    }

    /** Against every partition of the rows into passes (brute force), on small random inputs. */
    @Test
    void planIsOptimalOverAllPartitions() {
        long seed = 20261204L;
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(7);
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                lengths[i] = 3 + rnd.nextInt(40);
            }
            int maxBatch = 1 + rnd.nextInt(4);
            int passCost = rnd.nextInt(50);
            List<int[]> plan = LengthBatches.plan(lengths, maxBatch, passCost);
            boolean[] seen = new boolean[n];
            for (int[] pass : plan) {
                assertTrue(pass.length >= 1 && pass.length <= maxBatch, "pass size " + pass.length);
                for (int r : pass) {
                    assertTrue(!seen[r], "row " + r + " twice");
                    seen[r] = true;
                }
            }
            for (int r = 0; r < n; r++) {
                assertTrue(seen[r], "row " + r + " missing; reproduce with seed " + seed + ", trial " + trial);
            }
            assertEquals(bruteForce(lengths, maxBatch, passCost), cost(plan, lengths, passCost),
                    "lengths " + Arrays.toString(lengths) + " batch " + maxBatch + " pass cost " + passCost
                            + "; reproduce with seed " + seed + ", trial " + trial);
        }
    }

    private static long cost(List<int[]> plan, int[] lengths, int passCost) {
        long c = 0;
        for (int[] pass : plan) {
            int longest = 0;
            for (int r : pass) {
                longest = Math.max(longest, lengths[r]);
            }
            c += (long) pass.length * longest + passCost;
        }
        return c;
    }

    /** Cheapest cost over all set partitions with blocks of at most {@code maxBatch} rows. */
    private static long bruteForce(int[] lengths, int maxBatch, int passCost) {
        return partitions(0, lengths, new ArrayList<>(), maxBatch, passCost);
    }

    private static long partitions(int row, int[] lengths, List<List<Integer>> blocks, int maxBatch, int passCost) {
        if (row == lengths.length) {
            long c = 0;
            for (List<Integer> b : blocks) {
                int longest = 0;
                for (int r : b) {
                    longest = Math.max(longest, lengths[r]);
                }
                c += (long) b.size() * longest + passCost;
            }
            return c;
        }
        long best = Long.MAX_VALUE;
        for (int k = 0, existing = blocks.size(); k < existing; k++) {
            List<Integer> b = blocks.get(k);
            if (b.size() < maxBatch) {
                b.add(row);
                best = Math.min(best, partitions(row + 1, lengths, blocks, maxBatch, passCost));
                b.remove(b.size() - 1);
            }
        }
        List<Integer> fresh = new ArrayList<>(List.of(row));
        blocks.add(fresh);
        best = Math.min(best, partitions(row + 1, lengths, blocks, maxBatch, passCost));
        blocks.remove(blocks.size() - 1);
        return best;
    }
}
