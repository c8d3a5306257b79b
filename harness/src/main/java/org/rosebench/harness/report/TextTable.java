package org.rosebench.harness.report;

import java.util.List;

/**
 * A rendered-ready table: display strings only, so Markdown, HTML and CSV show exactly the same cells.
 *
 * @param name    file stem, e.g. {@code minilm-l6_advglue}
 * @param title   heading, e.g. "minilm-l6 · AdvGLUE dev (robust): accuracy (%)"
 * @param header  column names
 * @param numeric per column: right-aligned in Markdown/HTML
 * @param rows    cells, one list per row, as wide as the header
 * @param notes   sentences printed under the table (what ± and markers mean)
 */
public record TextTable(String name, String title, List<String> header, List<Boolean> numeric,
        List<List<String>> rows, List<String> notes) {

    public TextTable {
        header = List.copyOf(header);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        if (numeric.size() != header.size()) {
            throw new IllegalArgumentException("numeric flags " + numeric.size() + " != columns " + header.size());
        }
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, header "
                        + header.size());
            }
        }
    }
}
