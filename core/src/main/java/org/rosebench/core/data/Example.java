package org.rosebench.core.data;

/**
 * One labelled example.
 *
 * @param index for GLUE TSV files the 0-based data-row number in the file (header excluded, skipped rows
 *              still counted, so the file line is {@code index + 2}); for AdvGLUE the item's {@code idx}
 * @param textA the first (or only) text
 * @param textB the second text of a pair task, {@code null} for single-sentence tasks
 * @param label the class index in the task's HF {@code glue} ClassLabel order (see {@link Task#labelNames()})
 */
public record Example(int index, String textA, String textB, int label) {

    public boolean isPair() {
        return textB != null;
    }
}
