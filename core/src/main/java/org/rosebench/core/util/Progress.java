package org.rosebench.core.util;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (what, how far, rate, ETA) for every long job; silent when {@code rose.progress=false}
 * (tests, {@code --json} runs that want a clean stream).
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    public static Progress start(String task, long total, String unit) {
        if (!enabled()) {
            return new Progress(null);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(150);
        if (System.console() == null) {
            // logs and CI: one plain line every 15 s instead of a redrawn bar every second
            builder.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 150))
                    .setUpdateIntervalMillis(15_000);
        } else {
            builder.setUpdateIntervalMillis(1000).continuousUpdate();
        }
        ProgressBar bar = builder.build();
        return new Progress(bar);
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
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
