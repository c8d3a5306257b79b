package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rosebench.core.data.DataException;
import org.rosebench.core.util.Progress;

/**
 * Downloads one URL into a {@code .part} file, resuming whatever the file already holds with
 * {@code Range: bytes=N-}. A 206 answer is appended; a 200 answer (the server ignored the range) starts the file
 * over. A connection that drops or stalls mid-body is retried a bounded number of times, each retry resuming.
 * The caller checks size and hash afterwards; this class only stops a server that sends more than the catalogued
 * size.
 */
final class Downloader {

    private static final System.Logger LOG = System.getLogger(Downloader.class.getName());
    private static final Pattern CONTENT_RANGE_START = Pattern.compile("bytes\\s+(\\d+)-\\d+/(?:\\d+|\\*)");

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration stallTimeout;
    private final int maxRetries;
    private final Duration retryDelay;

    Downloader(HttpClient client, Duration requestTimeout, Duration stallTimeout, int maxRetries, Duration retryDelay) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.stallTimeout = stallTimeout;
        this.maxRetries = maxRetries;
        this.retryDelay = retryDelay;
    }

    /**
     * Fills {@code part} with the body at {@code url}. Returns when the body ended normally; the partial file is
     * kept when every attempt failed, so that a later call resumes it.
     *
     * @throws DataException after {@code maxRetries} failed retries, on an HTTP error status that retrying will
     *                       not cure, or when the server sends more than {@code expectedSize} bytes
     */
    void download(URI url, Path part, long expectedSize, String label) {
        for (int failures = 0; ; failures++) {
            try {
                attempt(url, part, expectedSize, label);
                return;
            } catch (IOException e) {
                long kept = sizeOrZero(part);
                if (failures >= maxRetries) {
                    String resume = kept == 0 ? "" : "; the " + kept + " bytes received are kept in " + part
                            + " and the next fetch resumes from there";
                    throw new DataException("download of " + url + " failed after " + (failures + 1) + " attempts ("
                            + reason(e) + ")" + resume, e);
                }
                LOG.log(System.Logger.Level.WARNING,
                        "download of {0} interrupted ({1}); retry {2} of {3} from byte {4}",
                        url, reason(e), failures + 1, maxRetries, kept);
                pause();
            }
        }
    }

    private void attempt(URI url, Path part, long expectedSize, String label) throws IOException {
        long have = sizeOrZero(part);
        if (have == expectedSize) {
            return; // a previous run got everything
        }
        if (have > expectedSize) {
            Files.delete(part); // cannot be the catalogued file; start over
            have = 0;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build());
        try (InputStream body = response.body()) {
            long start = startOffset(url, response, have, part);
            boolean lengthDeclared = response.headers().firstValueAsLong("Content-Length").isPresent();
            long total = copy(body, part, start, expectedSize, label, url);
            if (!lengthDeclared && total < expectedSize) {
                // without a Content-Length a dropped connection looks like a normal end of body
                throw new IOException("connection closed after " + total + " of " + expectedSize + " bytes");
            }
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download of " + request.uri() + " interrupted", e);
        }
    }

    /** Where the body starts in the file: 0 for a full body, {@code have} for a matching partial one. */
    private static long startOffset(URI url, HttpResponse<?> response, long have, Path part) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            if (have > 0) {
                LOG.log(System.Logger.Level.INFO, "{0} ignored the range request; downloading from the start", url);
            }
            return 0;
        }
        if (status == 206) {
            Optional<String> range = response.headers().firstValue("Content-Range");
            Matcher m = CONTENT_RANGE_START.matcher(range.orElse(""));
            if (m.matches() && Long.parseLong(m.group(1)) == have) {
                return have;
            }
            Files.deleteIfExists(part);
            throw new IOException("partial answer starts at '" + range.orElse("(no Content-Range)")
                    + "', not at byte " + have + "; starting over");
        }
        if (status == 416) {
            Files.deleteIfExists(part);
            throw new IOException("server refused to resume at byte " + have + " (HTTP 416); starting over");
        }
        if (status == 429 || status >= 500) {
            throw new IOException("HTTP " + status);
        }
        throw new DataException("GET " + url + " answered HTTP " + status);
    }

    private long copy(InputStream body, Path part, long start, long expectedSize, String label, URI url)
            throws IOException {
        StandardOpenOption mode = start == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
        long total = start;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                Progress progress = Progress.start(label, expectedSize, "B", start);
                StallGuard guard = new StallGuard(body, stallTimeout)) {
            byte[] buf = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    throw guard.tripped() ? stalled() : e;
                }
                if (n < 0) {
                    if (guard.tripped()) {
                        throw stalled();
                    }
                    return total;
                }
                guard.progressed();
                if (total + n > expectedSize) {
                    out.close();
                    Files.deleteIfExists(part);
                    throw new DataException(url + " sent more than the catalogued " + expectedSize
                            + " bytes; deleted " + part);
                }
                out.write(buf, 0, n);
                total += n;
                progress.stepBy(n, null);
            }
        }
    }

    /** The client often wraps the real cause (e.g. premature end of body) in a bare "closed". */
    private static String reason(IOException e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? e.getMessage() : e.getMessage() + ": " + cause.getMessage();
    }

    private IOException stalled() {
        return new IOException("no data for " + stallTimeout.toMillis() + " ms");
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download interrupted", e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
