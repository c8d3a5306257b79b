package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rosebench.core.util.Cache;

/**
 * The cells of one run directory on disk (format: docs/result-store.md). A cell is done exactly when its
 * {@code result.json} exists and parses; that file is always written to a temporary name and renamed, so a killed
 * run never leaves a half-written result that looks finished.
 */
public final class ResultStore {

    public static final String RESULT = "result.json";
    public static final String KEY = "cell.json";
    public static final String FAILED = "failed.json";

    public enum State { DONE, FAILED, PENDING }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;

    public ResultStore(Path runDir) {
        this.runDir = runDir;
    }

    public Path runDir() {
        return runDir;
    }

    public Path dir(Cell cell) {
        return MatrixPlan.cellDir(runDir, cell);
    }

    public State state(Cell cell) {
        if (result(cell) != null) {
            return State.DONE;
        }
        return Files.isRegularFile(dir(cell).resolve(FAILED)) ? State.FAILED : State.PENDING;
    }

    /** The cell's result row, or null when it is not done (a corrupt file counts as not done). */
    public ObjectNode result(Cell cell) {
        Path f = dir(cell).resolve(RESULT);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            System.err.println("[rose-bench] warning: ignoring unreadable " + f + " (" + e.getMessage() + "); the cell re-runs");
            return null;
        }
    }

    /** The recorded failure message, or null. */
    public String failure(Cell cell) {
        Path f = dir(cell).resolve(FAILED);
        try {
            return Files.isRegularFile(f) ? JSON.readTree(f.toFile()).path("message").asText() : null;
        } catch (IOException e) {
            return "(unreadable " + f + ")";
        }
    }

    /**
     * Prepares a cell for a fresh attempt: writes its key and, for cells whose partial output cannot be resumed
     * (training), removes what an interrupted attempt left behind.
     */
    public Path begin(Cell cell, boolean clearPartialOutput) throws IOException {
        Path dir = dir(cell);
        if (clearPartialOutput && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.equals(KEY) && !name.equals(CellClaims.CLAIM) && !name.startsWith("claim.taken-")) {
                        deleteRecursively(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(KEY), cell.key());
        return dir;
    }

    public void complete(Cell cell, ObjectNode row) throws IOException {
        writeAtomically(dir(cell).resolve(RESULT), row);
        Files.deleteIfExists(dir(cell).resolve(FAILED));
    }

    /**
     * Records a failed attempt (message, error class, stack trace, time) and returns how many attempts have failed
     * so far, this one included.
     */
    public int fail(Cell cell, Throwable error) {
        int attempts = attempts(cell) + 1;
        ObjectNode f = JSON.createObjectNode();
        f.put("cell", cell.id());
        f.put("message", String.valueOf(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
        f.put("error", error.getClass().getName());
        f.put("attempts", attempts);
        f.put("time", Instant.now().toString());
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        f.put("trace", trace.toString());
        try {
            Files.createDirectories(dir(cell));
            writeAtomically(dir(cell).resolve(FAILED), f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the failure of " + cell.id(), e);
        }
        return attempts;
    }

    /** How many attempts at the cell have failed (0 when none did, or it has no failure record). */
    public int attempts(Cell cell) {
        Path f = dir(cell).resolve(FAILED);
        try {
            return Files.isRegularFile(f) ? Math.max(1, JSON.readTree(f.toFile()).path("attempts").asInt(1)) : 0;
        } catch (IOException e) {
            return 1;
        }
    }

    /** Deletes a done cell's result so that it runs again (used when its checkpoint has gone missing). */
    public void invalidate(Cell cell) throws IOException {
        Files.deleteIfExists(dir(cell).resolve(RESULT));
    }

    /** Deletes everything a cell produced but its key, so that it runs again from scratch (no resume). */
    public void discardOutput(Cell cell) throws IOException {
        if (Files.isDirectory(dir(cell))) {
            begin(cell, true);
        }
    }

    public void writeText(String relative, String text) throws IOException {
        Path target = runDir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = tempSibling(target);
        Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Cache.moveAtomically(tmp, target);
    }

    static void writeAtomically(Path target, JsonNode node) throws IOException {
        Path tmp = tempSibling(target);
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        Cache.moveAtomically(tmp, target);
    }

    /**
     * A fresh name next to {@code target}. Created with the process umask (group-readable where the cluster's umask
     * says so), unlike {@code Files.createTempFile}, which always makes files readable by their owner only.
     */
    static Path tempSibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
