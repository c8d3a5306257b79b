package org.rosebench.harness.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Method specs of a run with their display labels, in the config's order (table row order). */
public final class Methods {

    /** The spec every other method is tested against. */
    public static final String BASELINE = "vanilla";

    private record Info(String label, int order) {}

    private final Map<String, Info> info;

    private Methods(Map<String, Info> info) {
        this.info = info;
    }

    /**
     * Rows of one config agree on label and order; cells merged from several configs may not, so the smallest
     * order wins (then the alphabetically first label) to keep the tables deterministic.
     */
    public static Methods of(Collection<ResultRow> rows) {
        Map<String, Info> info = new HashMap<>();
        for (ResultRow r : rows) {
            Info candidate = new Info(r.methodLabel(), r.methodOrder());
            info.merge(r.method(), candidate, (a, b) -> a.order() != b.order()
                    ? (a.order() < b.order() ? a : b)
                    : (a.label().compareTo(b.label()) <= 0 ? a : b));
        }
        return new Methods(info);
    }

    public String label(String spec) {
        Info i = info.get(spec);
        return i == null ? spec : i.label();
    }

    /** Config order, then spec for methods without one. */
    public Comparator<String> ordering() {
        return Comparator.comparingInt((String spec) -> {
            Info i = info.get(spec);
            return i == null ? Integer.MAX_VALUE : i.order();
        }).thenComparing(Comparator.naturalOrder());
    }

    /** The given specs in table order. */
    public List<String> sorted(Collection<String> specs) {
        List<String> out = new ArrayList<>(specs);
        out.sort(ordering());
        return out;
    }

    /** Finds a spec by itself or by its label (case-insensitive), for user-written files. */
    public String resolve(String specOrLabel) {
        String s = specOrLabel.strip();
        if (info.containsKey(s)) {
            return s;
        }
        for (Map.Entry<String, Info> e : info.entrySet()) {
            if (e.getKey().equalsIgnoreCase(s) || e.getValue().label().equalsIgnoreCase(s)) {
                return e.getKey();
            }
        }
        return s;
    }
}
