package org.rosebench.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds and loads data files under the roots of a {@link DataPath}, each laid out as
 * {@code glue/<GLUE dir>/<file>} and {@code advglue/dev.json}.
 *
 * <p>Resolution order for a split, first existing wins: the official name, then the documented fallbacks
 * ({@code <split>.hf.tsv} for dev splits, {@code train.subset_lmbff16shot.tsv} for train). Each name is looked
 * for in every root in order, plain and then gzipped ({@code <name>.gz}), before moving to the next name, so an
 * official file is preferred wherever it is and in whichever form.
 */
public final class GlueData {

    static final String HF_SUFFIX = ".hf.tsv";
    static final String TRAIN_SUBSET = "train.subset_lmbff16shot.tsv";
    static final String ADVGLUE_DEV = "dev.json";

    private static final System.Logger LOG = System.getLogger(GlueData.class.getName());

    private final DataPath path;

    public GlueData(DataPath path) {
        this.path = path;
    }

    /** Exactly one root. */
    public GlueData(Path root) {
        this(DataPath.of(root));
    }

    public DataPath path() {
        return path;
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
        List<Path> tried = new ArrayList<>();
        for (Candidate c : candidates(split)) {
            for (Path root : path.dirs()) {
                Path dir = root.resolve("glue").resolve(task.glueDir());
                for (String name : List.of(c.name, c.name + DataFiles.GZIP_SUFFIX)) {
                    Path p = dir.resolve(name);
                    tried.add(p);
                    if (Files.isRegularFile(p)) {
                        return new SplitFile(task, split, p, c.variant);
                    }
                }
            }
        }
        throw new DataNotFoundException("no " + task.glueDir() + " " + split + " file found; tried: "
                + tried.stream().map(Path::toString).collect(Collectors.joining(", "))
                + " (fetch the official files with 'rose-bench data fetch " + task.cliName() + "')");
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

    /** {@code advglue/dev.json}, or its {@code .gz}, in the first root that has one. */
    public Path advGlueFile() {
        List<Path> tried = new ArrayList<>();
        for (Path root : path.dirs()) {
            for (String name : List.of(ADVGLUE_DEV, ADVGLUE_DEV + DataFiles.GZIP_SUFFIX)) {
                Path p = root.resolve("advglue").resolve(name);
                tried.add(p);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new DataNotFoundException("no AdvGLUE dev file found; tried: "
                + tried.stream().map(Path::toString).collect(Collectors.joining(", "))
                + " (fetch it with 'rose-bench data fetch advglue')");
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
