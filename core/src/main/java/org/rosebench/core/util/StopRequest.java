package org.rosebench.core.util;

/** Placeholder: a process-wide stop flag (SIGTERM) checked between units of work. */
public final class StopRequest {

    private static volatile String reason;

    private StopRequest() {}

    public static void request(String why) {
        reason = why;
    }

    public static boolean isRequested() {
        return reason != null;
    }

    public static String reason() {
        return reason;
    }

    public static void installSignalHandler() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> request("SIGTERM"));
    }
}
