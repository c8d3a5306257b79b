package org.rosebench.harness.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.rosebench.core.BadInputException;
import org.rosebench.core.util.Cache;
import org.rosebench.harness.report.ResultRows;

/**
 * Copies a run directory without its model weights, for committing results or handing them on: the run's
 * {@code config.yaml} and {@code plan.json}, the earlier plans under {@code plans/}, and of every finished cell (one
 * with a {@code result.json}) its top-level files, leaving out sub-folders (checkpoints {@code last/}, {@code best/},
 * training state {@code resume/}) and the worker's {@code claim.json} and {@code progress.json}. {@code rose-bench
 * table} reads the copy exactly as it reads the run.
 * <p>
 * Safe to repeat and to run while workers run: a cell appears in the copy whole (staged beside it, then renamed)
 * and only once finished; files already in the copy are compared, never rewritten. A copied file that differs from
 * the run's is a conflict: left as it is and reported. The current {@code config.yaml} and {@code plan.json} are
 * the exception: they follow the run (a run that adopted a new config keeps the old plan under {@code plans/}).
 * <p>
 * With {@link Options#wholeModels()} a model's cells are copied only once all of them are finished (its training
 * and every evaluation, attack and landscape of the current plan that needs it). A run continued elsewhere from
 * such a copy then never trains a model again to finish its half-copied cells, which would give the copy a second,
 * conflicting result for them. Cells of earlier plans are copied as without it.
 */
public final class RunExporter {

    /**
     * What an export did (or, dry, would do).
     *
     * @param heldBack         finished cells not copied because their model has unfinished cells (whole models)
     * @param incompleteModels {@code "train-…: K of N cells finished"} for each model with some, not all, finished
     */
    public record Report(List<String> exported, int unchanged, List<String> unfinished, List<String> runFiles,
            List<String> conflicts, long bytes, List<String> heldBack, List<String> incompleteModels) {}

    /**
     * @param dryRun      report what would be copied, copy nothing
     * @param wholeModels copy a model's cells only once every cell of the current plan that needs it is finished
     */
    public record Options(boolean dryRun, boolean wholeModels) {}

    private static final String CELLS = "cells";
    private static final String PLANS = "plans";
    private static final ObjectMapper KEYS = new ObjectMapper();
    /** A worker's files in a cell, left behind only by a worker that died between result and release. */
    private static final Set<String> WORKER_FILES = Set.of(CellClaims.CLAIM, CellClaims.PROGRESS);

    private final Path runDir;
    private final Path outDir;
    private final boolean dryRun;
    /** With whole models: the training of each cell of the current plan, and the trainings with unfinished cells. */
    private final Map<String, String> modelOf;
    private final Set<String> incomplete = new TreeSet<>();
    private final List<String> heldBack = new ArrayList<>();
    private final List<String> incompleteModels = new ArrayList<>();
    private final List<String> exported = new ArrayList<>();
    private final List<String> unfinished = new ArrayList<>();
    private final List<String> runFiles = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private int unchanged;
    private long bytes;

    private RunExporter(Path runDir, Path outDir, boolean dryRun, Map<String, String> modelOf) {
        this.runDir = runDir;
        this.outDir = outDir;
        this.dryRun = dryRun;
        this.modelOf = modelOf;
    }

    /** Copies {@code runDir} into {@code outDir} (created when missing); with {@code dryRun} writes nothing. */
    public static Report export(Path runDir, Path outDir, boolean dryRun) throws IOException {
        return export(runDir, outDir, new Options(dryRun, false));
    }

    /** Copies {@code runDir} into {@code outDir} (created when missing) as {@code options} say. */
    public static Report export(Path runDir, Path outDir, Options options) throws IOException {
        Path plan = runDir.resolve(ResultRows.PLAN);
        if (!Files.isRegularFile(plan)) {
            throw new BadInputException(plan, "not a run directory (no plan.json): nothing to export");
        }
        if (Files.exists(outDir) && Files.isSameFile(runDir, outDir)) {
            throw new BadInputException(outDir, "is the run directory itself; export into another folder");
        }
        Path real = runDir.toRealPath();
        Path target = outDir.toAbsolutePath().normalize();
        if (target.startsWith(real.resolve(CELLS))) {
            throw new BadInputException(outDir, "lies inside the run's cells/ folder; export into another folder");
        }
        RunExporter e = new RunExporter(runDir, outDir, options.dryRun(),
                options.wholeModels() ? modelOf(runDir, plan) : Map.of());
        e.findIncompleteModels();
        e.copyRunFiles();
        e.copyCells();
        return new Report(List.copyOf(e.exported), e.unchanged, List.copyOf(e.unfinished), List.copyOf(e.runFiles),
                List.copyOf(e.conflicts), e.bytes, List.copyOf(e.heldBack), List.copyOf(e.incompleteModels));
    }

    /**
     * The training each cell of the plan needs (a training maps to itself): the plan's {@code train_cell}, or in
     * plans written before it was recorded, the training that precedes the cell in plan order (a plan lists each
     * training followed by its cells). Checked against the {@code train} of every cell key already on disk.
     */
    static Map<String, String> modelOf(Path runDir, Path planFile) throws IOException {
        JsonNode manifest = ResultRows.planManifest(planFile);
        JsonNode display = manifest.path(ResultRows.DISPLAY);
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        for (JsonNode c : manifest.path("cells")) {
            String id = c.asText();
            if (id.startsWith("train-")) {
                current = id;
                out.put(id, id);
                continue;
            }
            String recorded = display.path(id).path(ResultRows.TRAIN_CELL).asText(null);
            String train = recorded != null ? recorded : current;
            if (train == null) {
                throw new BadInputException(planFile, "cell " + id + " comes before any training and the plan does "
                        + "not name its model; cannot export whole models");
            }
            Path key = runDir.resolve(CELLS).resolve(id).resolve(ResultStore.KEY);
            if (Files.isRegularFile(key)) {
                String onDisk;
                try {
                    onDisk = KEYS.readTree(key.toFile()).path("train").asText(train);
                } catch (JsonProcessingException e) {
                    throw new BadInputException(key, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                            "not valid JSON: " + e.getOriginalMessage());
                }
                if (!onDisk.equals(train)) {
                    throw new BadInputException(key, "needs " + onDisk + " but " + planFile
                            + (recorded != null ? " names " : " puts it after ") + train
                            + "; cannot tell which model it belongs to");
                }
            }
            out.put(id, train);
        }
        return out;
    }

    private void findIncompleteModels() {
        Map<String, int[]> finished = new LinkedHashMap<>(); // training -> {finished, total}
        for (Map.Entry<String, String> e : modelOf.entrySet()) {
            int[] n = finished.computeIfAbsent(e.getValue(), k -> new int[2]);
            n[1]++;
            if (Files.isRegularFile(runDir.resolve(CELLS).resolve(e.getKey()).resolve(ResultStore.RESULT))) {
                n[0]++;
            }
        }
        finished.forEach((train, n) -> {
            if (n[0] < n[1]) {
                incomplete.add(train);
                if (n[0] > 0) { // a model with nothing finished has nothing to hold back
                    incompleteModels.add(train + ": " + n[0] + " of " + n[1] + " cells finished");
                }
            }
        });
    }

    private void copyRunFiles() throws IOException {
        for (String name : List.of(PinnedPlan.CONFIG, ResultRows.PLAN)) {
            Path from = runDir.resolve(name);
            Path to = outDir.resolve(name);
            if (Files.isRegularFile(from) && !(Files.isRegularFile(to) && Files.mismatch(from, to) == -1)) {
                runFiles.add(name);
                if (!dryRun) {
                    Files.createDirectories(outDir);
                    copyAtomically(from, to);
                }
            }
        }
        Path plans = runDir.resolve(PLANS);
        if (Files.isDirectory(plans)) {
            for (Path from : regularFiles(plans)) {
                Path to = outDir.resolve(PLANS).resolve(from.getFileName().toString());
                if (!Files.exists(to)) {
                    runFiles.add(PLANS + "/" + from.getFileName());
                    if (!dryRun) {
                        Files.createDirectories(to.getParent());
                        copyAtomically(from, to);
                    }
                } else if (Files.mismatch(from, to) != -1) {
                    conflicts.add(to + ": differs from " + from + " (an earlier plan is named by its hash and never "
                            + "changes); left as it is");
                }
            }
        }
    }

    private void copyCells() throws IOException {
        Path cells = runDir.resolve(CELLS);
        if (!Files.isDirectory(cells)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(cells)) {
            dirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
        for (Path cell : dirs) {
            String id = cell.getFileName().toString();
            if (!Files.isRegularFile(cell.resolve(ResultStore.RESULT))) {
                unfinished.add(id);
                continue;
            }
            Path to = outDir.resolve(CELLS).resolve(id);
            if (!Files.isDirectory(to) && modelOf.containsKey(id) && incomplete.contains(modelOf.get(id))) {
                heldBack.add(id); // a cell copied before (without the option) is compared as usual
                continue;
            }
            List<Path> files = regularFiles(cell).stream()
                    .filter(f -> !WORKER_FILES.contains(f.getFileName().toString())).toList();
            if (Files.isDirectory(to)) {
                addMissing(id, files, to);
            } else {
                exported.add(id);
                for (Path f : files) {
                    bytes += Files.size(f);
                }
                if (!dryRun) {
                    stageWhole(files, to);
                }
            }
        }
    }

    /** A cell already in the copy: compare its files, add the ones it lacks (a cell never loses a file). */
    private void addMissing(String id, List<Path> files, Path to) throws IOException {
        boolean added = false;
        for (Path f : files) {
            Path t = to.resolve(f.getFileName().toString());
            if (!Files.exists(t)) {
                added = true;
                bytes += Files.size(f);
                if (!dryRun) {
                    copyAtomically(f, t);
                }
            } else if (Files.mismatch(f, t) != -1) {
                conflicts.add(t + ": differs from " + f + "; left as it is");
            }
        }
        if (added) {
            exported.add(id);
        } else {
            unchanged++;
        }
    }

    /** Copies a cell into a hidden sibling folder, then renames it into place: readers see all of it or nothing. */
    private static void stageWhole(List<Path> files, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Path staged = Cache.tempSibling(to);
        Files.createDirectory(staged);
        for (Path f : files) {
            Files.copy(f, staged.resolve(f.getFileName().toString()));
        }
        try {
            Files.move(staged, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteStaged(staged);
            if (!Files.isDirectory(to)) {
                throw e;
            } // another export placed the same cell first: theirs stands
        }
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = Cache.tempSibling(to);
        Files.copy(from, tmp);
        Cache.moveAtomically(tmp, to);
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    private static void deleteStaged(Path staged) throws IOException {
        try (Stream<Path> walk = Files.walk(staged)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
