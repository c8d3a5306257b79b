package org.rosebench.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits texts of known token lengths into forward passes so that little time goes into padding. A pass of n rows
 * padded to length L costs about {@code n * L} token positions plus a fixed cost per pass (operator dispatch, small
 * matrix products); the plan minimises that sum exactly (dynamic programming over the rows sorted by length, where
 * the best passes are runs of consecutive lengths).
 *
 * <p>Only for rows whose result does not depend on the other rows of their pass, so that the grouping changes the
 * time, not the numbers: see {@link SentenceEncoder#BATCH_INVARIANT_TOKENS}.
 */
final class LengthBatches {

    /**
     * Fixed cost of one forward pass in token positions: about what 32 extra padded positions of MiniLM cost on one
     * CPU thread (2026-12-04). It only steers the plan; any value gives the same numbers.
     */
    static final int PASS_COST_TOKENS = 32;

    private LengthBatches() {}

    /** Consecutive rows, {@code maxBatch} at a time: the batching that keeps every row's former numbers. */
    static List<int[]> consecutive(int n, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + maxBatch);
        }
        List<int[]> passes = new ArrayList<>();
        for (int start = 0; start < n; start += maxBatch) {
            int[] rows = new int[Math.min(n, start + maxBatch) - start];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = start + k;
            }
            passes.add(rows);
        }
        return passes;
    }

    /**
     * Row indices per forward pass, each pass at most {@code maxBatch} rows, in order of increasing length. Every
     * index of {@code lengths} appears exactly once; within a pass rows keep their input order for equal lengths.
     */
    static List<int[]> plan(int[] lengths, int maxBatch, int passCost) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + maxBatch);
        }
        int n = lengths.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingInt((Integer i) -> lengths[i])); // stable
        // cost[j]: cheapest plan for the j shortest rows; cut[j]: where its last pass starts
        long[] cost = new long[n + 1];
        int[] cut = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            cost[j] = Long.MAX_VALUE;
            long longest = lengths[boxed[j - 1]];
            for (int i = Math.max(0, j - maxBatch); i < j; i++) {
                long c = cost[i] + (j - i) * longest + passCost;
                if (c < cost[j]) {
                    cost[j] = c;
                    cut[j] = i;
                }
            }
        }
        List<int[]> passes = new ArrayList<>();
        for (int j = n; j > 0; j = cut[j]) {
            int[] rows = new int[j - cut[j]];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = boxed[cut[j] + k];
            }
            passes.add(0, rows);
        }
        return passes;
    }
}
