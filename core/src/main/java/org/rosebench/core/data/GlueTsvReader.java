package org.rosebench.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one GLUE TSV split (docs/data-formats.md §2).
 *
 * <p>Format rules, matching the HF {@code glue} loader ({@code csv} with {@code QUOTE_NONE}): UTF-8, one header
 * row, fields split on {@code \t} only, no quote processing (texts contain bare {@code "}), fields kept verbatim
 * (SST-2 sentences keep their trailing space). Columns are located by header name ({@link Task#tsvLayouts()}),
 * so the official and the HF-derived files of a task both read. A gzipped file ({@code *.gz}) is read
 * transparently.
 *
 * <p>Malformed rows fail by default with a {@link DataFormatException} naming file, 1-based line and reason.
 * A row is malformed when its column count differs from the header's, or a required text or the label
 * is empty/blank ("missing field"). {@link #skipMalformed(boolean) skipMalformed(true)} skips those rows
 * instead, counting and logging them; this mirrors transformers' QQP processor, which drops rows with missing
 * fields. An unknown label, a wrong header, and an empty file (or one with no data rows) always fail.
 *
 * <p>Instances are immutable; the option methods return a new reader.
 */
public final class GlueTsvReader {

    private static final System.Logger LOG = System.getLogger(GlueTsvReader.class.getName());
    private static final int MAX_SKIPS_LOGGED = 10;

    /** The rows read, and how many malformed rows were skipped (always 0 unless skipping is enabled). */
    public record Result(List<Example> examples, int skippedRows) {
    }

    private final Task task;
    private final boolean skipMalformed;
    private final int limit;

    public GlueTsvReader(Task task) {
        this(task, false, Integer.MAX_VALUE);
    }

    private GlueTsvReader(Task task, boolean skipMalformed, int limit) {
        this.task = task;
        this.skipMalformed = skipMalformed;
        this.limit = limit;
    }

    public Task task() {
        return task;
    }

    /** Skip (and count) rows with a wrong column count or a missing field instead of failing. Default false. */
    public GlueTsvReader skipMalformed(boolean skip) {
        return new GlueTsvReader(task, skip, limit);
    }

    /** Stop after the first {@code n} examples (for quick runs); reading stops there, the rest is not checked. */
    public GlueTsvReader limit(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + n);
        }
        return new GlueTsvReader(task, skipMalformed, n);
    }

    /** Removes any limit. */
    public GlueTsvReader noLimit() {
        return new GlueTsvReader(task, skipMalformed, Integer.MAX_VALUE);
    }

    public List<Example> readExamples(Path file) {
        return read(file).examples();
    }

    /**
     * @throws DataFormatException on malformed content
     * @throws DataException       if the file cannot be read
     */
    public Result read(Path file) {
        int lineNo = 0;
        try (BufferedReader in = DataFiles.openText(file)) {
            String header = in.readLine();
            lineNo = 1;
            if (header == null) {
                throw new DataFormatException(file, 1, "empty file (expected a " + task.glueDir() + " header row)");
            }
            String[] names = splitTabs(stripBom(header));
            Columns cols = locateColumns(file, names);

            List<Example> examples = new ArrayList<>();
            int skipped = 0;
            int row = -1;
            String line;
            while (examples.size() < limit && (line = in.readLine()) != null) {
                lineNo++;
                row++;
                String[] fields = splitTabs(line);
                String problem = malformedReason(fields, names, cols);
                if (problem != null) {
                    if (!skipMalformed) {
                        throw new DataFormatException(file, lineNo, problem);
                    }
                    if (skipped++ < MAX_SKIPS_LOGGED) {
                        LOG.log(System.Logger.Level.DEBUG, "{0}:{1}: skipping row: {2}", file, lineNo, problem);
                    }
                    continue;
                }
                String labelText = fields[cols.label];
                int label = task.labelIndex(labelText);
                if (label < 0) {
                    throw new DataFormatException(file, lineNo, "unknown label '" + labelText + "' (expected one of "
                            + String.join(", ", task.labelNames()) + ")");
                }
                String textB = cols.textB < 0 ? null : fields[cols.textB];
                examples.add(new Example(row, fields[cols.textA], textB, label));
            }
            if (row < 0) {
                throw new DataFormatException(file, 1, "no data rows after the header");
            }
            if (skipped > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0}: skipped {1} malformed row(s) of {2}", file, skipped, row + 1);
            }
            return new Result(Collections.unmodifiableList(examples), skipped);
        } catch (MalformedInputException e) {
            // The decoder reads ahead, so the bad bytes are on this line or a few lines later.
            throw new DataFormatException(file, lineNo + 1, 0, "not valid UTF-8 (at or shortly after this line)", e);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e, e);
        }
    }

    /** Indices of the required columns in the header; -1 for an absent second text. */
    private record Columns(int textA, int textB, int label, List<String> requiredNames, int[] requiredIndices) {
    }

    private Columns locateColumns(Path file, String[] header) {
        List<String> names = List.of(header);
        for (TsvLayout layout : task.tsvLayouts()) {
            if (!names.containsAll(layout.requiredColumns())) {
                continue;
            }
            for (String col : layout.requiredColumns()) {
                if (names.indexOf(col) != names.lastIndexOf(col)) {
                    throw new DataFormatException(file, 1, "wrong header for " + task.glueDir() + ": column '" + col
                            + "' appears more than once");
                }
            }
            int textB = layout.textBColumn() == null ? -1 : names.indexOf(layout.textBColumn());
            int[] required = layout.requiredColumns().stream().mapToInt(names::indexOf).toArray();
            return new Columns(names.indexOf(layout.textAColumn()), textB, names.indexOf(layout.labelColumn()),
                    layout.requiredColumns(), required);
        }
        String expected = task.tsvLayouts().stream()
                .map(l -> String.join(", ", l.requiredColumns())
                        + (task.tsvLayouts().size() > 1 ? " (" + l.description() + ")" : ""))
                .collect(Collectors.joining(" or "));
        throw new DataFormatException(file, 1, "wrong header for " + task.glueDir() + ": expected columns " + expected
                + "; found " + String.join(", ", names));
    }

    /** Why a row is malformed, or null if it is well-formed. */
    private static String malformedReason(String[] fields, String[] header, Columns cols) {
        if (fields.length != header.length) {
            return "wrong column count: expected " + header.length + " tab-separated fields, found " + fields.length;
        }
        for (int k = 0; k < cols.requiredIndices.length; k++) {
            if (fields[cols.requiredIndices[k]].isBlank()) {
                return "missing field '" + cols.requiredNames.get(k) + "' (empty)";
            }
        }
        return null;
    }

    // limit -1 keeps trailing empty fields, so a row ending in a tab counts that column.
    private static String[] splitTabs(String line) {
        return line.split("\t", -1);
    }

    private static String stripBom(String header) {
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }
}
