package org.rosebench.harness.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * p-values of each method against {@value Methods#BASELINE} on the same model, task, evaluation and seed, pairing
 * examples by data-file index and pooling the pairs of all seeds both have.
 */
public final class Significance {

    /** What a p-value belongs to. */
    public record Key(String model, String task, String method, String evaluation) {}

    private record SeedKey(String model, String task, String evaluation, long seed) {}

    private final Map<Key, Double> pValues;

    private Significance(Map<Key, Double> pValues) {
        this.pValues = pValues;
    }

    public static Significance of(List<ResultRow> rows, PairedTest test) {
        Map<SeedKey, ExampleOutcomes> baseline = new HashMap<>();
        for (ResultRow r : rows) {
            if (r.outcomes() != null && r.method().equals(Methods.BASELINE)) {
                baseline.put(new SeedKey(r.model(), r.task(), r.evaluation(), r.seed()), r.outcomes());
            }
        }
        Map<Key, PairCounts> pooled = new HashMap<>();
        for (ResultRow r : rows) {
            if (r.outcomes() == null || r.method().equals(Methods.BASELINE)) {
                continue;
            }
            ExampleOutcomes base = baseline.get(new SeedKey(r.model(), r.task(), r.evaluation(), r.seed()));
            if (base != null) {
                pooled.merge(new Key(r.model(), r.task(), r.method(), r.evaluation()), r.outcomes().pairWith(base),
                        PairCounts::plus);
            }
        }
        Map<Key, Double> p = new HashMap<>();
        pooled.forEach((k, counts) -> {
            if (counts.total() > 0) {
                p.put(k, test.pValue(counts));
            }
        });
        return new Significance(p);
    }

    /** The p-value, or null when the method is the baseline or has no paired examples with it. */
    public Double pValue(String model, String task, String method, String evaluation) {
        return pValues.get(new Key(model, task, method, evaluation));
    }
}
