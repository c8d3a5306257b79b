package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.rosebench.core.BadInputException;
import org.rosebench.harness.report.ResultRows;

/**
 * Frees the disk space of fine-tuned models nobody needs any more: the checkpoints ({@code last/}, {@code best/})
 * and any training state ({@code resume/}) of finished train cells whose evaluations and attacks in the run's
 * pinned plan are all finished. Result rows stay as they are. A later plan that adds a dependent trains the model
 * again (and re-runs its dependents, so that every row under one train cell describes one model).
 */
public final class CheckpointPruner {

    /** One train cell's checkpoints that can go (or went). */
    public record Prunable(String trainCell, List<Path> dirs, long bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHECKPOINT_DIRS = List.of("last", "best", "resume");

    private CheckpointPruner() {}

    /** What {@link #prune} would delete. */
    public static List<Prunable> find(Path runDir) throws IOException {
        Path planFile = runDir.resolve(ResultRows.PLAN);
        if (!Files.isRegularFile(planFile)) {
            throw new BadInputException(planFile, "not a run directory (no plan.json): nothing to prune");
        }
        JsonNode plan = ResultRows.planManifest(planFile);
        Map<String, List<String>> dependents = new HashMap<>();
        List<String> trains = new ArrayList<>();
        for (JsonNode id : plan.path("cells")) {
            String cell = id.asText();
            Path key = runDir.resolve("cells").resolve(cell).resolve(ResultStore.KEY);
            if (cell.startsWith("train-")) {
                trains.add(cell);
            } else if (Files.isRegularFile(key)) {
                dependents.computeIfAbsent(JSON.readTree(key.toFile()).path("train").asText(), k -> new ArrayList<>())
                        .add(cell);
            } else {
                dependents.computeIfAbsent("?", k -> new ArrayList<>()).add(cell); // never started: keep everything
            }
        }
        boolean unknownPending = dependents.containsKey("?");
        List<Prunable> out = new ArrayList<>();
        for (String train : trains) {
            Path dir = runDir.resolve("cells").resolve(train);
            if (unknownPending || !Files.isRegularFile(dir.resolve(ResultStore.RESULT))) {
                continue;
            }
            boolean allDone = dependents.getOrDefault(train, List.of()).stream()
                    .allMatch(c -> Files.isRegularFile(runDir.resolve("cells").resolve(c).resolve(ResultStore.RESULT)));
            if (!allDone) {
                continue;
            }
            List<Path> dirs = new ArrayList<>();
            long bytes = 0;
            for (String name : CHECKPOINT_DIRS) {
                Path d = dir.resolve(name);
                if (Files.isDirectory(d)) {
                    dirs.add(d);
                    bytes += size(d);
                }
            }
            if (!dirs.isEmpty()) {
                out.add(new Prunable(train, dirs, bytes));
            }
        }
        return out;
    }

    /** Deletes what {@link #find} lists; returns it. */
    public static List<Prunable> prune(Path runDir) throws IOException {
        List<Prunable> found = find(runDir);
        for (Prunable p : found) {
            for (Path d : p.dirs()) {
                try (Stream<Path> walk = Files.walk(d)) {
                    for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
        return found;
    }

    private static long size(Path dir) throws IOException {
        AtomicLong total = new AtomicLong();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    total.addAndGet(Files.size(f));
                } catch (IOException e) {
                    // vanished meanwhile
                }
            });
        }
        return total.get();
    }
}
