package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How fast cells go in a run directory compared with the {@link CostModel}: for each kind of cell, the measured
 * seconds of finished cells over their estimated seconds. The cost model is anchored on one machine; scaling the
 * remaining estimate kind by kind (a training and an attack can be off by different factors on another CPU or
 * task) gives an ETA that reflects the cells already done here, also right after a worker restarts.
 */
final class RunPace {

    /** Per kind: {estimated seconds, measured seconds, cells}. */
    private final Map<Cell.Kind, double[]> byKind = new EnumMap<>(Cell.Kind.class);

    /** The pace of the finished cells among {@code cells}, from the times their results record. */
    static RunPace of(Collection<Cell> cells, ResultStore store, CostModel cost) {
        RunPace pace = new RunPace();
        for (Cell c : cells) {
            ObjectNode row = store.result(c);
            double measured = row == null ? Double.NaN : measuredSeconds(row);
            if (measured > 0) {
                pace.add(c.kind(), cost.seconds(c), measured);
            }
        }
        return pace;
    }

    /**
     * A finished cell's time: a training's {@code train_seconds} (every stretch of a resumed training, which the
     * estimate covers too), otherwise the worker's {@code duration_seconds}; NaN when neither is recorded.
     */
    static double measuredSeconds(ObjectNode row) {
        if (row.path("train_seconds").isNumber()) {
            return row.path("train_seconds").asDouble();
        }
        return row.path("duration_seconds").isNumber() ? row.path("duration_seconds").asDouble() : Double.NaN;
    }

    void add(Cell.Kind kind, double estimatedSeconds, double measuredSeconds) {
        if (!(estimatedSeconds > 0) || !(measuredSeconds >= 0) || Double.isInfinite(measuredSeconds)) {
            return;
        }
        double[] s = byKind.computeIfAbsent(kind, k -> new double[3]);
        s[0] += estimatedSeconds;
        s[1] += measuredSeconds;
        s[2]++;
    }

    /** Measured over estimated time of this kind; of all kinds when none of it finished yet; 1 with no data. */
    double scale(Cell.Kind kind) {
        double[] s = byKind.get(kind);
        if (s != null) {
            return s[1] / s[0];
        }
        double estimated = 0;
        double measured = 0;
        for (double[] t : byKind.values()) {
            estimated += t[0];
            measured += t[1];
        }
        return estimated > 0 ? measured / estimated : 1;
    }

    /** The estimated seconds of {@code pending} cells, each scaled by the pace of its kind. */
    double remaining(Collection<Cell> pending, CostModel cost) {
        double sum = 0;
        for (Cell c : pending) {
            sum += cost.seconds(c) * scale(c.kind());
        }
        return sum;
    }

    /** How many finished cells the pace rests on. */
    int cells() {
        return (int) byKind.values().stream().mapToDouble(s -> s[2]).sum();
    }
}
