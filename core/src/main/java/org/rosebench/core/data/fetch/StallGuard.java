package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that has delivered nothing for too long. The JDK client's request timeout only covers
 * the wait for the response headers; without this a connection that goes silent mid-body would block forever
 * instead of failing into the retry loop.
 */
final class StallGuard implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "data-fetch-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final InputStream body;
    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean tripped;

    StallGuard(InputStream body, Duration timeout) {
        this.body = body;
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(10, timeout.toMillis() / 4);
        this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void progressed() {
        lastProgress = System.nanoTime();
    }

    /** Whether the body was closed because it stalled. */
    boolean tripped() {
        return tripped;
    }

    private void check() {
        if (!tripped && System.nanoTime() - lastProgress > timeoutNanos) {
            tripped = true;
            try {
                body.close(); // wakes the blocked reader with an IOException or end of stream
            } catch (IOException ignored) {
                // the reader sees the stall through tripped() either way
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
