package org.rosebench.core.data;

import java.util.List;

/** A loaded GLUE split: where it came from, its examples, and how many malformed rows were skipped. */
public record GlueSplit(SplitFile source, List<Example> examples, int skippedRows) {

    public Task task() {
        return source.task();
    }

    public int size() {
        return examples.size();
    }
}
