package org.rosebench.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rosebench.core.checkpoint.SafetensorsReader;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.method.MethodState;

/**
 * The resumable state of a training run, {@code <outDir>/resume/}:
 * <ul>
 *   <li>{@code model.safetensors}: the weights after the last completed step;
 *   <li>{@code optimizer.safetensors}: AdamW's moments and step counts ({@link org.rosebench.core.optim.AdamW#saveState});
 *   <li>{@code method.safetensors}, {@code selector.safetensors}: {@link MethodState} of the method and the selector,
 *       when they keep any (tensors, values as {@code __metadata__});
 *   <li>{@code state.json}, written last: position (step, epoch, batches done in that epoch), the epoch's running
 *       loss sum, completed epochs, best dev accuracy, accumulated seconds, the byte lengths of {@code train.log}
 *       and {@code selection.jsonl} at that point, the sizes of the files above, and the run's fingerprint.
 * </ul>
 * A save fills a temporary sibling {@code resume.tmp-*}, forces every file and the directory to disk, then swaps it
 * in by renames ({@code resume/} to {@code resume.old-*}, the new one to {@code resume/}, the old one deleted). A
 * directory without {@code state.json}, or whose files do not have the recorded sizes, is incomplete and never
 * used. A kill between the two renames leaves no {@code resume/} but a complete {@code resume.tmp-*} (or
 * {@code resume.old-*}), which {@link #open} moves into place; every other leftover is deleted.
 */
public final class ResumeState {

    /** Directory name under the trainer's output directory. */
    public static final String DIR = "resume";
    public static final String STATE_FILE = "state.json";
    static final String FORMAT = "rose-bench-train-state/1";
    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String METHOD_FILE = "method.safetensors";
    static final String SELECTOR_FILE = "selector.safetensors";
    private static final String TMP_PREFIX = DIR + ".tmp-";
    private static final String OLD_PREFIX = DIR + ".old-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a saved run stands, for callers that report or decide before training (e.g. "resuming"). */
    public record Point(Path dir, long step, long totalSteps, int epoch) {}

    private final Path dir;
    private final ObjectNode json;

    private ResumeState(Path dir, ObjectNode json) {
        this.dir = dir;
        this.json = json;
    }

    /**
     * The complete saved state of {@code outDir}, if any, without changing anything on disk (for status reports;
     * {@link Trainer#train} itself recovers and cleans up leftovers).
     */
    public static Optional<Point> peek(Path outDir) throws IOException {
        Path dir = outDir.resolve(DIR);
        ObjectNode n = readIfComplete(dir);
        if (n == null) {
            Candidate c = bestLeftover(outDir);
            if (c == null) {
                return Optional.empty();
            }
            dir = c.dir();
            n = c.json();
        }
        return Optional.of(new Point(dir, n.path("step").asLong(), n.path("total_steps").asLong(),
                n.path("epoch").asInt()));
    }

    /**
     * The complete state of {@code outDir}, or null when there is none. Recovers a complete state that a kill left
     * under a temporary name and deletes incomplete directories and leftovers, saying so on stderr.
     */
    static ResumeState open(Path outDir) throws IOException {
        Path dir = outDir.resolve(DIR);
        ObjectNode n = readIfComplete(dir);
        if (n == null) {
            if (Files.exists(dir)) {
                System.err.println("[rose-bench] removing incomplete training state " + dir);
                deleteTree(dir);
            }
            Candidate c = bestLeftover(outDir);
            if (c != null) {
                System.err.println("[rose-bench] recovering training state " + c.dir() + " (step "
                        + c.json().path("step").asLong() + ") as " + dir);
                move(c.dir(), dir);
                n = c.json();
            }
        }
        for (Path p : leftovers(outDir)) {
            System.err.println("[rose-bench] removing leftover training state " + p);
            deleteTree(p);
        }
        return n == null ? null : new ResumeState(dir, n);
    }

    Path dir() {
        return dir;
    }

    ObjectNode json() {
        return json;
    }

    /** Differences between the saved fingerprint and {@code current}, one "field: saved X, now Y" per line. */
    List<String> fingerprintDifferences(ObjectNode current) {
        JsonNode saved = json.path("fingerprint");
        List<String> diffs = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        current.fieldNames().forEachRemaining(fields::add);
        saved.fieldNames().forEachRemaining(f -> {
            if (!current.has(f)) {
                fields.add(f);
            }
        });
        for (String f : fields) {
            JsonNode a = saved.path(f);
            JsonNode b = current.path(f);
            if (!a.equals(b)) {
                if (a.isObject() && b.isObject()) {
                    List<String> sub = new ArrayList<>();
                    Iterator<String> it = b.fieldNames();
                    while (it.hasNext()) {
                        String k = it.next();
                        if (!a.path(k).equals(b.path(k))) {
                            sub.add(k + " " + text(a.path(k)) + " -> " + text(b.path(k)));
                        }
                    }
                    a.fieldNames().forEachRemaining(k -> {
                        if (!b.has(k)) {
                            sub.add(k + " " + text(a.path(k)) + " -> (none)");
                        }
                    });
                    diffs.add(f + ": " + String.join(", ", sub));
                } else {
                    diffs.add(f + ": saved " + text(a) + ", now " + text(b));
                }
            }
        }
        return diffs;
    }

    private static String text(JsonNode n) {
        String s = n.isMissingNode() ? "(none)" : n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    Map<String, TensorData> weights() throws IOException {
        return SafetensorsReader.read(dir.resolve(MODEL_FILE));
    }

    Path optimizerFile() {
        return dir.resolve(OPTIMIZER_FILE);
    }

    MethodState methodState() throws IOException {
        return readMethodState(dir.resolve(METHOD_FILE));
    }

    MethodState selectorState() throws IOException {
        return readMethodState(dir.resolve(SELECTOR_FILE));
    }

    private static MethodState readMethodState(Path file) throws IOException {
        if (!Files.exists(file)) {
            return MethodState.EMPTY;
        }
        return new MethodState(SafetensorsReader.read(file), SafetensorsReader.metadata(file));
    }

    /** What to write besides {@code state.json}. */
    record Content(List<SafetensorsWriter.LazyTensor> weights, OptimizerWriter optimizer, MethodState method,
            MethodState selector) {}

    @FunctionalInterface
    interface OptimizerWriter {
        void write(Path file) throws IOException;
    }

    /** Writes a new state and swaps it in atomically (see the class comment). */
    static void save(Path outDir, Content content, ObjectNode state) throws IOException {
        Path dir = outDir.resolve(DIR);
        Path tmp = Files.createTempDirectory(outDir, TMP_PREFIX);
        try {
            SafetensorsWriter.writeLazily(tmp.resolve(MODEL_FILE), content.weights(), Map.of("format", "pt"));
            content.optimizer().write(tmp.resolve(OPTIMIZER_FILE));
            writeMethodState(tmp.resolve(METHOD_FILE), content.method());
            writeMethodState(tmp.resolve(SELECTOR_FILE), content.selector());
            ObjectNode files = state.putObject("files");
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path f : s.sorted().toList()) {
                    files.put(f.getFileName().toString(), Files.size(f));
                }
            }
            state.put("format", FORMAT);
            writeSynced(tmp.resolve(STATE_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            fsyncDirectory(tmp);
            Path old = null;
            if (Files.exists(dir)) {
                old = Files.createTempDirectory(outDir, OLD_PREFIX);
                Files.delete(old);
                move(dir, old);
            }
            move(tmp, dir);
            fsyncDirectory(outDir);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /** Deletes the state of {@code outDir} and any leftover of an interrupted save. */
    static void delete(Path outDir) throws IOException {
        deleteTree(outDir.resolve(DIR));
        for (Path p : leftovers(outDir)) {
            deleteTree(p);
        }
    }

    private static void writeMethodState(Path file, MethodState state) throws IOException {
        if (state == null || state.isEmpty()) {
            return;
        }
        for (Map.Entry<String, TensorData> e : state.tensors().entrySet()) {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new IllegalArgumentException("method state tensor '" + e.getValue().name()
                        + "' is stored under the key '" + e.getKey() + "'");
            }
        }
        SafetensorsWriter.write(file, state.tensors().values(), state.values());
    }

    static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /** Forces a file's data to disk (for the logs whose lengths a state records). */
    static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes renames inside {@code dir} durable; a no-op where directories cannot be opened (not Linux). */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort: some platforms and file systems cannot sync a directory
        }
    }

    /** {@code state.json} of {@code dir} if the directory is complete (format, every recorded file at its size). */
    private static ObjectNode readIfComplete(Path dir) throws IOException {
        Path f = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
        if (!(n instanceof ObjectNode o) || !FORMAT.equals(o.path("format").asText())) {
            return null;
        }
        JsonNode files = o.path("files");
        if (!files.isObject() || !files.has(MODEL_FILE) || !files.has(OPTIMIZER_FILE)) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> it = files.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Path p = dir.resolve(e.getKey());
            try {
                if (Files.size(p) != e.getValue().asLong()) {
                    return null;
                }
            } catch (NoSuchFileException missing) {
                return null;
            }
        }
        return o;
    }

    private record Candidate(Path dir, ObjectNode json) {}

    /**
     * The complete leftover with the highest step: a complete {@code resume.tmp-*} is newer than any
     * {@code resume.old-*} (the old one was moved aside just before the new one was to be renamed in).
     */
    private static Candidate bestLeftover(Path outDir) throws IOException {
        Candidate best = null;
        for (Path p : leftovers(outDir)) {
            ObjectNode n = readIfComplete(p);
            if (n != null && (best == null || n.path("step").asLong() > best.json().path("step").asLong())) {
                best = new Candidate(p, n);
            }
        }
        return best;
    }

    private static List<Path> leftovers(Path outDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(outDir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(outDir,
                p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith(TMP_PREFIX) || name.startsWith(OLD_PREFIX);
                })) {
            s.forEach(out::add);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
