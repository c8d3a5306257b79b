package org.rosebench.core.util;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (what, how far, rate, ETA) for every long job; silent when {@code rose.progress=false}
 * (tests, {@code --json} runs that want a clean stream). The process also keeps a one-line summary of the bar that
 * moved last ({@link #latest()}), so that a matrix worker can publish it beside its claim for {@code status}.
 */
public final class Progress implements AutoCloseable {

    /** A one-line summary of a bar and when it was taken. */
    public record Snapshot(String line, Instant at) {}

    private static final AtomicReference<Snapshot> LATEST = new AtomicReference<>();
    private static final long SNAPSHOT_EVERY_NANOS = 1_000_000_000L;

    private final ProgressBar bar;
    private final String unit;
    private long lastSnapshot;

    private Progress(ProgressBar bar, String unit) {
        this.bar = bar;
        this.unit = unit;
        if (bar != null) {
            snapshot();
        }
    }

    public static Progress start(String task, long total, String unit) {
        return start(task, total, unit, 0);
    }

    /**
     * A bar that resumes work of which {@code alreadyDone} units were done before: they count toward how far it is,
     * not toward the rate or the time left.
     */
    public static Progress start(String task, long total, String unit, long alreadyDone) {
        if (!enabled()) {
            return new Progress(null, unit);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII)
                .startsFrom(Math.max(0, alreadyDone), Duration.ZERO)
                .setMaxRenderedLength(150);
        if (System.console() == null) {
            // logs and CI: one plain line every 15 s instead of a redrawn bar every second
            builder.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 150))
                    .setUpdateIntervalMillis(15_000);
        } else {
            builder.setUpdateIntervalMillis(1000).continuousUpdate();
        }
        ProgressBar bar = builder.build();
        return new Progress(bar, unit);
    }

    /** The summary of the bar that moved last in this process (at most a second old while it moves), if any. */
    public static Optional<Snapshot> latest() {
        return Optional.ofNullable(LATEST.get());
    }

    public static boolean enabled() {
        return !"false".equals(System.getProperty("rose.progress", "true"));
    }

    public void stepBy(long n, String message) {
        if (bar != null) {
            bar.stepBy(n);
            if (message != null) {
                bar.setExtraMessage(" " + message);
            }
            if (System.nanoTime() - lastSnapshot >= SNAPSHOT_EVERY_NANOS
                    || (bar.getMax() > 0 && bar.getCurrent() >= bar.getMax())) {
                snapshot();
            }
        }
    }

    /** "train vanilla epoch 1/3: 672/2490 ex (27%), 6.4 ex/s, 4:44 left, loss 0.6869". */
    private void snapshot() {
        lastSnapshot = System.nanoTime();
        long current = bar.getCurrent();
        long max = bar.getMax();
        double seconds = bar.getElapsedAfterStart().toMillis() / 1000.0;
        StringBuilder sb = new StringBuilder(bar.getTaskName()).append(": ").append(current);
        if (max > 0) {
            sb.append('/').append(max);
        }
        sb.append(' ').append(unit);
        if (max > 0) {
            sb.append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * current / max)));
        }
        if (current > bar.getStart() && seconds > 0) {
            double rate = (current - bar.getStart()) / seconds;
            sb.append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit));
            if (max > current) {
                sb.append(", ").append(clock((max - current) / rate)).append(" left");
            }
        }
        String extra = bar.getExtraMessage();
        if (extra != null && !extra.isBlank()) {
            sb.append(',').append(extra.stripTrailing());
        }
        LATEST.set(new Snapshot(sb.toString(), Instant.now()));
    }

    /** A duration as {@code m:ss}, or {@code h:mm:ss} from an hour on, rounded to the second. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
