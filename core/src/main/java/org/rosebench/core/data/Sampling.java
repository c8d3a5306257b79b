package org.rosebench.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Training-set reductions: a prefix, or a seeded random subsample that keeps file order. */
public final class Sampling {

    private Sampling() {
    }

    /** The first {@code n} items (all of them if there are fewer). */
    public static <T> List<T> limit(List<T> items, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        return List.copyOf(items.subList(0, Math.min(n, items.size())));
    }

    /**
     * {@code n} distinct items chosen uniformly at random, returned in their original order.
     *
     * <p>Algorithm (fixed, so a seed reproduces a run): {@code java.util.Random(seed)} drives a partial
     * Fisher–Yates shuffle of the positions {@code 0..size-1}: for {@code i = 0..n-1}, swap position {@code i}
     * with {@code i + random.nextInt(size - i)}; the first {@code n} positions, sorted ascending, are the
     * sample. {@code java.util.Random} is used rather than {@code SplittableRandom} because its sequence is
     * specified in its Javadoc and therefore identical on every JDK.
     *
     * @throws IllegalArgumentException if {@code n} is negative or larger than the list
     */
    public static <T> List<T> subsample(List<T> items, int n, long seed) {
        int size = items.size();
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("cannot sample " + n + " of " + size + " examples");
        }
        int[] pos = new int[size];
        Arrays.setAll(pos, i -> i);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int tmp = pos[i];
            pos[i] = pos[j];
            pos[j] = tmp;
        }
        int[] chosen = Arrays.copyOf(pos, n);
        Arrays.sort(chosen);
        List<T> out = new ArrayList<>(n);
        for (int p : chosen) {
            out.add(items.get(p));
        }
        return List.copyOf(out);
    }
}
