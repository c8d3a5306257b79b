package org.rosebench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens an HTML page in headless Chromium and reports what rendered: a copy of the page gets a small script that,
 * once the page has loaded, records each result table (rows, laid-out height), each image (decoded size, laid-out
 * size) and every resource the browser fetched, and writes them into the DOM, which {@code --dump-dom} prints.
 *
 * <p>Chromium is found as {@code $ROSE_BENCH_CHROMIUM} or {@code chromium} (Debian's package; {@code
 * scripts/setup/chromium} installs it) on the PATH. Without it a test is skipped with a message, unless
 * {@code ROSE_BENCH_REQUIRE_CHROMIUM=1} or {@code -Drose.requireChromium=true} (.ci/run sets the former): then it
 * fails.
 */
final class HeadlessChromium {

    static final String REQUIRE_ENV = "ROSE_BENCH_REQUIRE_CHROMIUM";
    static final String REQUIRE_PROPERTY = "rose.requireChromium";
    static final String BINARY_ENV = "ROSE_BENCH_CHROMIUM";

    private static final long TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESULT = Pattern.compile("<pre id=\"render-check\">([A-Za-z0-9+/=]*)</pre>");

    /** Runs on the load event, after every image has loaded or failed. */
    private static final String CHECK_SCRIPT = """
            <script>
            window.addEventListener('load', function () {
              var out = {tables: [], images: [], resources: [], allTables: document.querySelectorAll('table').length};
              document.querySelectorAll('section.result-table').forEach(function (s) {
                var t = s.querySelector('table');
                out.tables.push({name: s.getAttribute('data-name'), rows: t ? t.rows.length : 0,
                                 height: t ? t.getBoundingClientRect().height : 0});
              });
              Array.prototype.forEach.call(document.images, function (img) {
                var figure = img.closest('figure');
                var box = img.getBoundingClientRect();
                out.images.push({file: figure ? figure.getAttribute('data-file') : null, complete: img.complete,
                                 naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
                                 width: box.width, height: box.height});
              });
              performance.getEntriesByType('resource').forEach(function (e) { out.resources.push(e.name); });
              var bytes = new TextEncoder().encode(JSON.stringify(out));
              var binary = '';
              bytes.forEach(function (b) { binary += String.fromCharCode(b); });
              var pre = document.createElement('pre');
              pre.id = 'render-check';
              pre.textContent = btoa(binary);
              document.body.appendChild(pre);
              // keep the dump small: the measurements are taken
              Array.prototype.forEach.call(document.images, function (img) { img.removeAttribute('src'); });
            });
            </script>
            """;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** Chromium, or a skipped test (a failed one where it is required). */
    static HeadlessChromium findOrSkip() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return new HeadlessChromium(found.get());
        }
        String how = "install it with scripts/setup/chromium (Debian: apt-get install chromium) or point $"
                + BINARY_ENV + " at a Chromium or Chrome executable";
        if (required()) {
            Assertions.fail("headless Chromium is required (" + REQUIRE_ENV + " / -D" + REQUIRE_PROPERTY
                    + ") but was not found: " + how);
        }
        String message = "skipped: headless Chromium not found (" + how + "; " + REQUIRE_ENV
                + "=1 turns this skip into a failure, as in .ci/run)";
        System.err.println("[" + HeadlessChromium.class.getSimpleName() + "] " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    static boolean required() {
        String env = System.getenv(REQUIRE_ENV);
        return Boolean.getBoolean(REQUIRE_PROPERTY)
                || (env != null && (env.equals("1") || env.equalsIgnoreCase("true")));
    }

    static Optional<Path> find() {
        String named = System.getenv(BINARY_ENV);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("$" + BINARY_ENV + " = " + named + " is not an executable file");
            }
            return Optional.of(p);
        }
        String path = System.getenv("PATH");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path p = Path.of(d).resolve(name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** What the browser rendered of {@code page} (which is left unchanged: a copy gets the script). */
    JsonNode render(Path page, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Assertions.assertTrue(end >= 0, page + " has no </body>");
        Path copy = work.resolve("checked-" + page.getFileName());
        Files.writeString(copy, html.substring(0, end) + CHECK_SCRIPT + html.substring(end), StandardCharsets.UTF_8);
        Path out = work.resolve("dom.html");
        Path err = work.resolve("chromium.log");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu",
                // root in a container: Chromium's sandbox cannot start
                "--no-sandbox", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("profile"),
                "--window-size=1280,1024", "--dump-dom", copy.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + err);
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        Matcher m = RESULT.matcher(dom);
        Assertions.assertTrue(m.find(), () -> "the check script left no result (exit " + p.exitValue() + "); "
                + "chromium's log " + err + ":\n" + tail(err));
        return JSON.readTree(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    }

    /**
     * What is wrong with a rendering, empty when nothing: a table missing, empty or not laid out; an image missing,
     * not decoded or not laid out, or decoded at another size than the PNG; a resource fetched from anywhere.
     *
     * @param tables table name → rows expected (header row included)
     * @param images plot file (relative to the plots folder) → {width, height} of the PNG
     */
    static List<String> problems(JsonNode rendered, java.util.Map<String, Integer> tables,
            java.util.Map<String, int[]> images) {
        List<String> problems = new ArrayList<>();
        java.util.Map<String, JsonNode> seenTables = new java.util.LinkedHashMap<>();
        rendered.path("tables").forEach(t -> seenTables.put(t.path("name").asText(), t));
        tables.forEach((name, rows) -> {
            JsonNode t = seenTables.get(name);
            if (t == null) {
                problems.add("table " + name + ": not on the page");
            } else if (t.path("rows").asInt() != rows) {
                problems.add("table " + name + ": " + t.path("rows").asInt() + " rows rendered, " + rows + " expected");
            } else if (!(t.path("height").asDouble() > 0)) {
                problems.add("table " + name + ": not laid out (height " + t.path("height").asDouble() + ")");
            }
        });
        seenTables.keySet().stream().filter(n -> !tables.containsKey(n))
                .forEach(n -> problems.add("table " + n + ": not expected"));
        java.util.Map<String, JsonNode> seenImages = new java.util.LinkedHashMap<>();
        rendered.path("images").forEach(i -> seenImages.put(i.path("file").asText(), i));
        if (seenImages.size() != rendered.path("images").size()) {
            problems.add("images: " + rendered.path("images").size() + " on the page, " + seenImages.size()
                    + " distinct files");
        }
        images.forEach((file, size) -> {
            JsonNode i = seenImages.get(file);
            if (i == null) {
                problems.add("image " + file + ": not on the page");
            } else if (!i.path("complete").asBoolean() || i.path("naturalWidth").asInt() == 0) {
                problems.add("image " + file + ": not decoded (broken image)");
            } else if (i.path("naturalWidth").asInt() != size[0] || i.path("naturalHeight").asInt() != size[1]) {
                problems.add(String.format(Locale.ROOT, "image %s: decoded as %dx%d, the PNG is %dx%d", file,
                        i.path("naturalWidth").asInt(), i.path("naturalHeight").asInt(), size[0], size[1]));
            } else if (!(i.path("width").asDouble() > 0 && i.path("height").asDouble() > 0)) {
                problems.add("image " + file + ": not laid out");
            }
        });
        seenImages.keySet().stream().filter(f -> !images.containsKey(f))
                .forEach(f -> problems.add("image " + f + ": not expected"));
        rendered.path("resources").forEach(r -> {
            if (!r.asText().startsWith("data:")) {
                problems.add("resource fetched: " + r.asText());
            }
        });
        return problems;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
