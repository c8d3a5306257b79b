package org.rosebench.harness.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class RunExporter {

    /** What an export did (or, dry, would do). */
    public record Report(List<String> exported, int unchanged, List<String> unfinished, List<String> runFiles,
            List<String> conflicts, long bytes) {}

    private static final String CELLS = "cells";
    private static final String PLANS = "plans";
    /** A worker's files in a cell, left behind only by a worker that died between result and release. */
    private static final java.util.Set<String> WORKER_FILES = java.util.Set.of(CellClaims.CLAIM, CellClaims.PROGRESS);

    private final Path runDir;
    private final Path outDir;
    private final boolean dryRun;
    private final List<String> exported = new ArrayList<>();
    private final List<String> unfinished = new ArrayList<>();
    private final List<String> runFiles = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private int unchanged;
    private long bytes;

    private RunExporter(Path runDir, Path outDir, boolean dryRun) {
        this.runDir = runDir;
        this.outDir = outDir;
        this.dryRun = dryRun;
    }

    /** Copies {@code runDir} into {@code outDir} (created when missing); with {@code dryRun} writes nothing. */
    public static Report export(Path runDir, Path outDir, boolean dryRun) throws IOException {
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
        RunExporter e = new RunExporter(runDir, outDir, dryRun);
        e.copyRunFiles();
        e.copyCells();
        return new Report(List.copyOf(e.exported), e.unchanged, List.copyOf(e.unfinished), List.copyOf(e.runFiles),
                List.copyOf(e.conflicts), e.bytes);
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
            List<Path> files = regularFiles(cell).stream()
                    .filter(f -> !WORKER_FILES.contains(f.getFileName().toString())).toList();
            Path to = outDir.resolve(CELLS).resolve(id);
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
