package org.rosebench.attacks.bench;

/**
 * Wall-clock time spent inside one attack component, with call and item counts. Two {@code System.nanoTime()} reads
 * per call (tens of nanoseconds); only the benchmark installs timers, normal attacks run without them. Not
 * thread-safe: one attack per thread, as {@link org.rosebench.attacks.Attack} itself.
 */
public final class ComponentTimer {

    private final String name;
    private long nanos;
    private long calls;
    private long items;

    public ComponentTimer(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Adds one call that took {@code elapsedNanos} and handled {@code count} items (texts, sequences, words). */
    public void add(long elapsedNanos, long count) {
        nanos += elapsedNanos;
        calls++;
        items += count;
    }

    public long nanos() {
        return nanos;
    }

    public double seconds() {
        return nanos / 1e9;
    }

    public long calls() {
        return calls;
    }

    public long items() {
        return items;
    }

    /** A copy of the current totals. */
    public Snapshot snapshot() {
        return new Snapshot(name, nanos, calls, items);
    }

    /** Totals at one moment; {@link #minus} gives the share of an interval. */
    public record Snapshot(String name, long nanos, long calls, long items) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(name, nanos - earlier.nanos, calls - earlier.calls, items - earlier.items);
        }

        public double seconds() {
            return nanos / 1e9;
        }
    }
}
