package org.rosebench.core.data;

import java.nio.file.Path;

/**
 * The file {@link GlueData} resolved for a task and split, and which kind of file it is
 * (see {@code data/README.md}).
 */
public record SplitFile(Task task, Split split, Path path, Variant variant) {

    public enum Variant {
        /** The official GLUE file ({@code train.tsv}, {@code dev.tsv}, {@code dev_matched.tsv}, ...). */
        OFFICIAL,
        /** Re-serialised from the HF parquet ({@code *.hf.tsv}): same texts and labels, fewer columns. */
        HF_DERIVED,
        /** Verbatim official train lines, but only a class-balanced LM-BFF 16-shot subset, not the full set. */
        SUBSET
    }

    public boolean gzipped() {
        return path.getFileName().toString().endsWith(DataFiles.GZIP_SUFFIX);
    }

    /** A one-line note for logs and reports when the file is not the official one, else null. */
    public String note() {
        return switch (variant) {
            case OFFICIAL -> null;
            case HF_DERIVED -> task.glueDir() + " " + split + ": using HF-derived " + path.getFileName()
                    + " (official file absent; same texts and labels)";
            case SUBSET -> task.glueDir() + " " + split + ": using " + path.getFileName()
                    + ", a SUBSET of the official train set (LM-BFF 16-shot union, class-balanced), not the full set";
        };
    }
}
