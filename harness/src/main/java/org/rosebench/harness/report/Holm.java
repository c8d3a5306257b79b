package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Holm's step-down adjustment of a family of p-values (Holm 1979), controlling the family-wise error rate. */
final class Holm {

    private Holm() {}

    /**
     * The adjusted p-values, in the order given: sorted ascending, the k-th smallest (from 0) becomes
     * max over j ≤ k of min(1, (m − j)·p_(j)), m = the number of p-values. Null entries (cells without a test) are
     * not part of the family and stay null.
     */
    static Double[] adjust(List<Double> p) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i) != null) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble(p::get));
        Double[] adjusted = new Double[p.size()];
        double running = 0;
        int m = order.size();
        for (int rank = 0; rank < m; rank++) {
            int i = order.get(rank);
            running = Math.max(running, Math.min(1.0, (m - rank) * p.get(i)));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
