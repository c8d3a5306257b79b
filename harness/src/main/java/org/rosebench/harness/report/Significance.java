package org.rosebench.harness.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each method against {@value Methods#BASELINE} on the same model, task and evaluation: the examples pair by
 * data-file index and the seeds by value ({@link SeedOutcomes}); Δ with its bootstrap interval
 * ({@link PairedBootstrap}) and the chosen test's p-value.
 */
public final class Significance {

    /** What a comparison belongs to. */
    public record Key(String model, String task, String method, String evaluation) {}

    private record Group(String model, String task, String evaluation) {}

    private final Map<Key, Comparison> comparisons;

    private Significance(Map<Key, Comparison> comparisons) {
        this.comparisons = comparisons;
    }

    /** @param level confidence level of the intervals, e.g. 0.95 */
    public static Significance of(List<ResultRow> rows, PairedTest test, PairedBootstrap bootstrap, double level) {
        return against(Methods.BASELINE, rows, test, bootstrap, level);
    }

    /**
     * Every other method against {@code baselineSpec} (a method spec of the rows), with the same pairing, interval
     * and test as the comparisons with {@value Methods#BASELINE}.
     */
    public static Significance against(String baselineSpec, List<ResultRow> rows, PairedTest test,
            PairedBootstrap bootstrap, double level) {
        Map<Group, Map<Long, ExampleOutcomes>> baseline = new HashMap<>();
        Map<Key, Map<Long, ExampleOutcomes>> methods = new HashMap<>();
        for (ResultRow r : rows) {
            if (r.outcomes() == null) {
                continue;
            }
            if (r.method().equals(baselineSpec)) {
                baseline.computeIfAbsent(new Group(r.model(), r.task(), r.evaluation()), g -> new TreeMap<>())
                        .put(r.seed(), r.outcomes());
            } else {
                methods.computeIfAbsent(new Key(r.model(), r.task(), r.method(), r.evaluation()), k -> new TreeMap<>())
                        .put(r.seed(), r.outcomes());
            }
        }
        Map<Key, Comparison> out = new HashMap<>();
        methods.forEach((key, bySeed) -> {
            Map<Long, ExampleOutcomes> base = baseline.get(new Group(key.model(), key.task(), key.evaluation()));
            if (base != null) {
                SeedOutcomes.of(bySeed, base).ifPresent(o -> out.put(key, compare(o, test, bootstrap, level)));
            }
        });
        return new Significance(out);
    }

    private static Comparison compare(SeedOutcomes o, PairedTest test, PairedBootstrap bootstrap, double level) {
        BootstrapDistribution distribution = bootstrap.resample(o);
        BootstrapDistribution.Interval ci = distribution.interval(level);
        PairedTest.PValue p = test.test(o, distribution);
        return new Comparison(distribution.observed(), ci.low(), ci.high(), p == null ? null : p.value(),
                p == null ? "" : p.test(), o.methodSeeds().size(), o.baselineSeeds().size(), o.pairedSeeds(),
                o.examples());
    }

    /** The comparison, or null when the method is the baseline or shares no examples with it. */
    public Comparison comparison(String model, String task, String method, String evaluation) {
        return comparisons.get(new Key(model, task, method, evaluation));
    }

    /** The p-value, or null when there is no comparison or the test cannot make one. */
    public Double pValue(String model, String task, String method, String evaluation) {
        Comparison c = comparison(model, task, method, evaluation);
        return c == null ? null : c.pValue();
    }
}
