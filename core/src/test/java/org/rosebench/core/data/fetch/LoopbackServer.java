package org.rosebench.core.data.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) that serves fixed bodies and can misbehave the way real
 * connections do: drop mid-body, stall, or ignore {@code Range}. Records every request's path and Range header.
 */
final class LoopbackServer implements AutoCloseable {

    /** How a path answers. */
    enum Mode {
        /** Full body, or the requested range as 206. */
        NORMAL,
        /** The first request gets half the body, then the connection closes; later requests are NORMAL. */
        DROP_FIRST,
        /** Like DROP_FIRST, but later requests ignore Range and get the full body with 200. */
        DROP_FIRST_THEN_IGNORE_RANGE,
        /** The first request gets half the body and then nothing until the server closes; later ones NORMAL. */
        STALL_FIRST,
        /** Every request gets half of what it asked for, then the connection closes. */
        ALWAYS_DROP,
        /** 404 for everything. */
        NOT_FOUND
    }

    record Request(String path, String range) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    // Gives the client time to read what was sent before the connection drops, so that the resume point is exact.
    private static final long PAUSE_BEFORE_DROP_MS = 100;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code body} at {@code path} and returns its URL. */
    URI serve(String path, byte[] body, Mode mode) {
        modes.put(path, mode);
        server.createContext(path, exchange -> handle(exchange, path, body));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void setMode(String path, Mode mode) {
        modes.put(path, mode);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(new Request(path, range));
            boolean first = counts.merge(path, 1, Integer::sum) == 1;
            switch (modes.get(path)) {
                case NORMAL -> respond(exchange, body, range);
                case DROP_FIRST -> {
                    if (first) {
                        dropHalfway(exchange, body, 0);
                    } else {
                        respond(exchange, body, range);
                    }
                }
                case DROP_FIRST_THEN_IGNORE_RANGE -> {
                    if (first) {
                        dropHalfway(exchange, body, 0);
                    } else {
                        respond(exchange, body, null);
                    }
                }
                case STALL_FIRST -> {
                    if (first) {
                        stallHalfway(exchange, body);
                    } else {
                        respond(exchange, body, range);
                    }
                }
                case ALWAYS_DROP -> dropHalfway(exchange, body, start(range));
                case NOT_FOUND -> exchange.sendResponseHeaders(404, -1);
                default -> throw new IllegalStateException();
            }
        } catch (IOException expected) {
            // a dropped or abandoned connection
        }
    }

    private static long start(String range) {
        Matcher m = range == null ? null : RANGE.matcher(range);
        return m != null && m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void respond(HttpExchange exchange, byte[] body, String range) throws IOException {
        long from = start(range);
        if (from == 0) {
            exchange.sendResponseHeaders(200, body.length);
        } else if (from >= body.length) {
            exchange.sendResponseHeaders(416, -1);
            return;
        } else {
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, (int) from, (int) (body.length - from));
        }
    }

    /** Announces the rest of the body from {@code from}, sends half of it, and closes the connection. */
    private void dropHalfway(HttpExchange exchange, byte[] body, long from) throws IOException {
        int remaining = (int) (body.length - from);
        if (from > 0) {
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, remaining);
        OutputStream out = exchange.getResponseBody();
        out.write(body, (int) from, remaining / 2);
        out.flush();
        pause(PAUSE_BEFORE_DROP_MS);
        exchange.close(); // fewer bytes than announced: the server closes the connection
    }

    private void stallHalfway(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        try {
            closing.await(5, TimeUnit.SECONDS); // bounded even if close() is never called
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
