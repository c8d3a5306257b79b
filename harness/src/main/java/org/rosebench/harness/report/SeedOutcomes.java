package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A method's and the baseline's per-example outcomes over seeds, restricted to the examples every one of them
 * evaluated: the input of the paired statistics.
 *
 * <p>Seeds pair by value: seed s of the method and seed s of the baseline share the training sample and the
 * initialisation, so when the two have seeds in common only those are used, each method seed against the baseline
 * seed of the same value ({@link #pairedSeeds()}). With no seed in common the seeds stay unpaired: every method seed
 * and every baseline seed is used, and only the examples pair.
 */
public final class SeedOutcomes {

    private final List<Long> methodSeeds;
    private final List<Long> baselineSeeds;
    private final boolean pairedSeeds;
    private final BitSet[] method; // per method seed: bit i = example i good
    private final BitSet[] baseline; // per baseline seed
    private final int examples;

    private SeedOutcomes(List<Long> methodSeeds, List<Long> baselineSeeds, boolean pairedSeeds, BitSet[] method,
            BitSet[] baseline, int examples) {
        this.methodSeeds = methodSeeds;
        this.baselineSeeds = baselineSeeds;
        this.pairedSeeds = pairedSeeds;
        this.method = method;
        this.baseline = baseline;
        this.examples = examples;
    }

    /** Outcomes by seed; empty when either side has none or they share no example. */
    public static Optional<SeedOutcomes> of(Map<Long, ExampleOutcomes> method, Map<Long, ExampleOutcomes> baseline) {
        TreeSet<Long> common = new TreeSet<>(method.keySet());
        common.retainAll(baseline.keySet());
        boolean paired = !common.isEmpty();
        List<Long> methodSeeds = new ArrayList<>(paired ? common : new TreeSet<>(method.keySet()));
        List<Long> baselineSeeds = new ArrayList<>(paired ? common : new TreeSet<>(baseline.keySet()));
        if (methodSeeds.isEmpty() || baselineSeeds.isEmpty()) {
            return Optional.empty();
        }
        List<ExampleOutcomes> all = new ArrayList<>();
        methodSeeds.forEach(s -> all.add(method.get(s)));
        baselineSeeds.forEach(s -> all.add(baseline.get(s)));
        int[] ids = ExampleOutcomes.commonIds(all);
        if (ids.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new SeedOutcomes(List.copyOf(methodSeeds), List.copyOf(baselineSeeds), paired,
                methodSeeds.stream().map(s -> method.get(s).goodOn(ids)).toArray(BitSet[]::new),
                baselineSeeds.stream().map(s -> baseline.get(s).goodOn(ids)).toArray(BitSet[]::new), ids.length));
    }

    /**
     * For tests and callers with aligned data: {@code method[s][i]} and {@code baseline[s][i]} are example i under
     * seed s, and the two sides pair seed by seed when {@code pairedSeeds}.
     */
    public static SeedOutcomes ofAligned(boolean[][] method, boolean[][] baseline, boolean pairedSeeds) {
        if (method.length == 0 || baseline.length == 0) {
            throw new IllegalArgumentException("need at least one seed on each side");
        }
        if (pairedSeeds && method.length != baseline.length) {
            throw new IllegalArgumentException("paired seeds need as many method seeds as baseline seeds");
        }
        int n = method[0].length;
        List<Long> methodSeeds = new ArrayList<>();
        List<Long> baselineSeeds = new ArrayList<>();
        for (int s = 0; s < method.length; s++) {
            methodSeeds.add((long) s);
        }
        for (int s = 0; s < baseline.length; s++) {
            baselineSeeds.add(pairedSeeds ? s : (long) method.length + s);
        }
        return new SeedOutcomes(methodSeeds, baselineSeeds, pairedSeeds, bits(method, n), bits(baseline, n), n);
    }

    private static BitSet[] bits(boolean[][] good, int n) {
        BitSet[] out = new BitSet[good.length];
        for (int s = 0; s < good.length; s++) {
            if (good[s].length != n) {
                throw new IllegalArgumentException("seed " + s + " has " + good[s].length + " examples, not " + n);
            }
            out[s] = new BitSet(n);
            for (int i = 0; i < n; i++) {
                out[s].set(i, good[s][i]);
            }
        }
        return out;
    }

    public boolean pairedSeeds() {
        return pairedSeeds;
    }

    public List<Long> methodSeeds() {
        return methodSeeds;
    }

    public List<Long> baselineSeeds() {
        return baselineSeeds;
    }

    public int examples() {
        return examples;
    }

    public boolean methodGood(int seedIndex, int example) {
        return method[seedIndex].get(example);
    }

    public boolean baselineGood(int seedIndex, int example) {
        return baseline[seedIndex].get(example);
    }

    /** Method minus baseline in percentage points: the mean over the method's seeds minus that over the baseline's. */
    public double delta() {
        return 100 * (meanGood(method) - meanGood(baseline));
    }

    private double meanGood(BitSet[] seeds) {
        double sum = 0;
        for (BitSet s : seeds) {
            sum += s.cardinality();
        }
        return sum / seeds.length / examples;
    }

    /**
     * Per example, the method's good outcomes minus the baseline's summed over the paired seeds, in −k..k for k
     * seeds; only for paired seeds.
     */
    public int[] seedSummedDifferences() {
        if (!pairedSeeds) {
            throw new IllegalStateException("seeds are not paired");
        }
        int[] d = new int[examples];
        for (int s = 0; s < method.length; s++) {
            for (int i = 0; i < examples; i++) {
                d[i] += (method[s].get(i) ? 1 : 0) - (baseline[s].get(i) ? 1 : 0);
            }
        }
        return d;
    }
}
