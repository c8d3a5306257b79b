package org.rosebench.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The header columns a GLUE TSV file of one task must contain. Columns are found by header name, never by
 * position, because the official and HF-derived files of one task order (and name) them differently.
 *
 * @param description  where this layout comes from, for error messages (e.g. "official GLUE")
 * @param textAColumn  first text column
 * @param textBColumn  second text column, {@code null} for single-sentence tasks
 * @param labelColumn  label column (label names or 0-based indices)
 */
public record TsvLayout(String description, String textAColumn, String textBColumn, String labelColumn) {

    /** The required columns in reading order. */
    public List<String> requiredColumns() {
        List<String> cols = new ArrayList<>(3);
        cols.add(textAColumn);
        if (textBColumn != null) {
            cols.add(textBColumn);
        }
        cols.add(labelColumn);
        return Collections.unmodifiableList(cols);
    }
}
