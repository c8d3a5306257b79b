package org.rosebench.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds and loads data files under a data root laid out as {@code glue/<GLUE dir>/<file>} and
 * {@code advglue/dev.json}.
 *
 * <p>Resolution order for a split, first existing wins: the official name, then the documented fallbacks
 * ({@code <split>.hf.tsv} for dev splits, {@code train.subset_lmbff16shot.tsv} for train). Each name is tried
 * plain and then gzipped ({@code <name>.gz}) before moving to the next, so an official file is preferred even
 * when only its compressed form is present.
 */
public final class GlueData {

    /** The conventional data root relative to the repository checkout ({@code <repo>/../shared/data}). */
    public static final Path DEFAULT_ROOT = Path.of("../shared/data");

    static final String HF_SUFFIX = ".hf.tsv";
    static final String TRAIN_SUBSET = "train.subset_lmbff16shot.tsv";
    static final String ADVGLUE_DEV = "dev.json";

    private static final System.Logger LOG = System.getLogger(GlueData.class.getName());

    private final Path root;

    public GlueData(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * @throws IllegalArgumentException if the task has no such split (naming the valid ones)
     * @throws DataException            if no candidate file exists (listing every path tried)
     */
    public SplitFile resolve(Task task, Split split) {
        if (!task.splits().contains(split)) {
            throw new IllegalArgumentException("task " + task + " has no split '" + split + "' (valid: "
                    + task.splits().stream().map(Split::fileStem).collect(Collectors.joining(", ")) + ")");
        }
        Path dir = root.resolve("glue").resolve(task.glueDir());
        List<Path> tried = new ArrayList<>();
        for (Candidate c : candidates(split)) {
            for (String name : List.of(c.name, c.name + DataFiles.GZIP_SUFFIX)) {
                Path p = dir.resolve(name);
                tried.add(p);
                if (Files.isRegularFile(p)) {
                    return new SplitFile(task, split, p, c.variant);
                }
            }
        }
        throw new DataException("no " + task.glueDir() + " " + split + " file found; tried: "
                + tried.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    public GlueSplit load(Task task, Split split) {
        return load(task, split, new GlueTsvReader(task));
    }

    /** Loads with a configured reader (skipMalformed, limit); the reader's task must match. */
    public GlueSplit load(Task task, Split split, GlueTsvReader reader) {
        if (reader.task() != task) {
            throw new IllegalArgumentException("reader is for " + reader.task() + ", not " + task);
        }
        SplitFile file = resolve(task, split);
        if (file.note() != null) {
            LOG.log(System.Logger.Level.INFO, file.note());
        }
        GlueTsvReader.Result r = reader.read(file.path());
        return new GlueSplit(file, r.examples(), r.skippedRows());
    }

    /** {@code advglue/dev.json}, or its {@code .gz}. */
    public Path advGlueFile() {
        Path plain = root.resolve("advglue").resolve(ADVGLUE_DEV);
        Path gz = plain.resolveSibling(ADVGLUE_DEV + DataFiles.GZIP_SUFFIX);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataException("no AdvGLUE dev file found; tried: " + plain + ", " + gz);
    }

    /** The AdvGLUE examples of one key ({@code sst2}, ..., {@code mnli-mm}). */
    public List<Example> loadAdvGlue(String key) {
        return AdvGlueReader.read(advGlueFile(), key);
    }

    private record Candidate(String name, SplitFile.Variant variant) {
    }

    private static List<Candidate> candidates(Split split) {
        String stem = split.fileStem();
        if (split == Split.TRAIN) {
            return List.of(new Candidate(stem + ".tsv", SplitFile.Variant.OFFICIAL),
                    new Candidate(TRAIN_SUBSET, SplitFile.Variant.SUBSET));
        }
        return List.of(new Candidate(stem + ".tsv", SplitFile.Variant.OFFICIAL),
                new Candidate(stem + HF_SUFFIX, SplitFile.Variant.HF_DERIVED));
    }
}
