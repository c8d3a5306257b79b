package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rosebench.harness.matrix.ResultStore.State;

/** What {@code status} and {@code run --plan} print: each cell's state and estimated cost, totals, what is missing. */
public final class PlanReport {

    private final MatrixPlan plan;
    private final ResultStore store;
    private final List<Cell> cells;
    private final CostModel cost;
    private final CellClaims claims;

    public PlanReport(MatrixPlan plan, ResultStore store, List<Cell> cells) {
        this(plan, store, cells, CellClaims.DEFAULT_LEASE);
    }

    /** The lease workers use when judging claims (for {@code status}). */
    public PlanReport withLease(java.time.Duration lease) {
        return new PlanReport(plan, store, cells, lease);
    }

    private PlanReport(MatrixPlan plan, ResultStore store, List<Cell> cells, java.time.Duration lease) {
        this.plan = plan;
        this.store = store;
        this.cells = cells;
        this.cost = new CostModel(plan.config());
        this.claims = new CellClaims(store.runDir(), lease);
    }

    /** A line on the claim of a cell that is not done, or null when nobody holds it. */
    private String claimLine(Cell cell) {
        return claims.inspect(cell).map(i -> (i.stale() ? "stale claim of " : "running in ") + i.owner().describe()
                + ", heartbeat " + MatrixRunner.clock(Math.max(0, i.age().toSeconds())) + " ago"
                + (i.stale() ? " (" + i.staleBecause() + "; the next worker takes it over)"
                        : claims.progress(cell, i).map(p -> " · " + p).orElse(""))).orElse(null);
    }

    /** How many cells are being worked on by live workers now. */
    public int running() {
        return (int) cells.stream().filter(c -> store.state(c) != State.DONE)
                .filter(c -> claims.inspect(c).map(i -> !i.stale()).orElse(false)).count();
    }

    public Map<State, Integer> counts() {
        Map<State, Integer> m = new EnumMap<>(State.class);
        for (State s : State.values()) {
            m.put(s, 0);
        }
        cells.forEach(c -> m.merge(store.state(c), 1, Integer::sum));
        return m;
    }

    public String text(boolean withCost) {
        StringBuilder sb = new StringBuilder();
        MatrixConfig c = plan.config();
        sb.append(String.format("matrix %s (config %s, hash %s) → %s%n", c.name(), c.source(), c.hash(), store.runDir()));
        sb.append(String.format("%-8s %-24s %s%s%n", "state", "cell", withCost ? "est. (2-core CPU)  " : "", "what"));
        double pending = 0;
        double all = 0;
        for (Cell cell : cells) {
            State s = store.state(cell);
            double est = cost.seconds(cell);
            all += est;
            if (s != State.DONE) {
                pending += est;
            }
            sb.append(String.format("%-8s %-24s %s%s%n", s.name().toLowerCase(java.util.Locale.ROOT), cell.id(),
                    withCost ? String.format("%-19s", MatrixRunner.clock(est)) : "", cell.describe()));
            if (s == State.FAILED) {
                sb.append("         └ ").append(store.failure(cell)).append(" (").append(store.attempts(cell))
                        .append(store.attempts(cell) == 1 ? " attempt)" : " attempts)").append('\n');
            }
            String claim = s == State.DONE ? null : claimLine(cell);
            if (claim != null) {
                sb.append("         └ ").append(claim).append('\n');
            }
        }
        Map<State, Integer> n = counts();
        // a failed cell being retried is both failed (its last attempt) and running: counted apart, not as pending
        sb.append(String.format("%d cells: %d done, %d pending, %d failed; %d running now",
                cells.size(), n.get(State.DONE), n.get(State.PENDING), n.get(State.FAILED), running()));
        if (withCost) {
            sb.append(String.format("; estimated %s of work left (%s in all) on a 2-core CPU", MatrixRunner.clock(pending),
                    MatrixRunner.clock(all)));
            RunPace pace = RunPace.of(cells, store, cost);
            if (pace.cells() > 0) {
                sb.append(String.format(", %s at the pace of the %d cells finished here", MatrixRunner.clock(
                        pace.remaining(cells.stream().filter(x -> store.state(x) != State.DONE).toList(), cost)),
                        pace.cells()));
            }
        }
        sb.append('\n');
        if (!c.missing().isEmpty()) {
            sb.append("missing (needed before `run`):\n");
            c.missing().forEach(m -> sb.append("  - ").append(m).append('\n'));
        }
        return sb.toString();
    }

    public ObjectNode json() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("config", plan.config().source().toString()).put("name", plan.config().name())
                .put("config_hash", plan.config().hash()).put("run_dir", store.runDir().toString());
        ArrayNode arr = o.putArray("cells");
        for (Cell cell : cells) {
            ObjectNode e = arr.addObject();
            e.put("id", cell.id()).put("kind", cell.kind().label()).put("what", cell.describe())
                    .put("state", store.state(cell).name().toLowerCase(java.util.Locale.ROOT))
                    .put("estimated_seconds", Math.round(cost.seconds(cell)));
            ObjectNode row = store.result(cell);
            if (row != null && RunPace.measuredSeconds(row) >= 0) {
                e.put("measured_seconds", Math.round(RunPace.measuredSeconds(row)));
            }
            String f = store.failure(cell);
            if (f != null && store.state(cell) == State.FAILED) {
                e.put("failure", f);
                e.put("attempts", store.attempts(cell));
            }
            if (store.state(cell) != State.DONE) {
                claims.inspect(cell).ifPresent(i -> e.putObject("claim").put("owner", i.owner().describe())
                        .put("host", i.owner().host()).put("pid", i.owner().pid())
                        .put("slurm_job", i.owner().slurmJob()).put("heartbeat", i.heartbeat().toString())
                        .put("heartbeat_age_seconds", Math.max(0, i.age().toSeconds())).put("stale", i.stale())
                        .put("progress", claims.progress(cell, i).orElse(null)));
            }
        }
        ObjectNode counts = o.putObject("counts");
        counts().forEach((k, v) -> counts.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        counts.put("running", running());
        List<Cell> pending = cells.stream().filter(c -> store.state(c) != State.DONE).toList();
        o.put("estimated_seconds_left", Math.round(pending.stream().mapToDouble(cost::seconds).sum()));
        RunPace pace = RunPace.of(cells, store, cost);
        if (pace.cells() > 0) {
            // the estimate rescaled kind by kind by the cells finished in this run directory
            o.put("paced_seconds_left", Math.round(pace.remaining(pending, cost))).put("paced_on_cells", pace.cells());
        }
        o.set("missing", om.valueToTree(plan.config().missing()));
        return o;
    }
}
