package org.rosebench.harness.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reported numbers to print beside the reproduced ones ({@code table --paper FILE}): a CSV with header
 * {@code model,method,task,evaluation,value} and an optional {@code metric} column (default {@code accuracy}, or
 * {@code accuracy_under_attack} for {@code attack:<recipe>:<split>} evaluations). Method may be the spec or the label,
 * task {@code sst2} or {@code SST-2}, both case-insensitive; task {@code avg} fills the Avg column. Values are
 * printed as written.
 */
public final class PaperValues {

    private static final List<String> REQUIRED = List.of("model", "method", "task", "evaluation", "value");

    private record Entry(String model, String method, String task, String evaluation, String metric, String value,
            String where) {}

    private record Key(String model, String method, String task, String evaluation, String metric) {}

    private final List<Entry> entries;
    private final Map<Key, Entry> byKey = new LinkedHashMap<>();
    private final Set<Entry> used = new HashSet<>();

    private PaperValues(List<Entry> entries) {
        this.entries = entries;
    }

    public static PaperValues none() {
        return new PaperValues(List.of());
    }

    public static PaperValues read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<Entry> entries = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(r)) {
            for (String column : REQUIRED) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException(file + ": missing column '" + column
                            + "' (header: model,method,task,evaluation,value[,metric])");
                }
            }
            boolean hasMetric = parser.getHeaderMap().containsKey("metric");
            for (CSVRecord rec : parser) {
                String where = file + ":" + (rec.getRecordNumber() + 1);
                if (!rec.isConsistent()) {
                    throw new IllegalArgumentException(where + ": expected " + parser.getHeaderNames().size()
                            + " fields, got " + rec.size());
                }
                String value = rec.get("value");
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": value '" + value + "' is not a number");
                }
                String evaluation = rec.get("evaluation").toLowerCase(Locale.ROOT);
                String metric = hasMetric && !rec.get("metric").isEmpty() ? rec.get("metric")
                        : Metrics.primary(evaluation);
                entries.add(new Entry(rec.get("model"), rec.get("method"), rec.get("task"), evaluation, metric,
                        value, where));
            }
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": " + e.getCause().getMessage(), e);
        }
        return new PaperValues(entries);
    }

    /** Binds method names to the run's specs; call before {@link #get}. */
    public PaperValues resolve(Methods methods) {
        byKey.clear();
        for (Entry e : entries) {
            Key key = new Key(e.model().toLowerCase(Locale.ROOT), methods.resolve(e.method()), Tasks.normalize(e.task()),
                    e.evaluation(), e.metric());
            Entry previous = byKey.putIfAbsent(key, e);
            if (previous != null) {
                throw new IllegalArgumentException(e.where() + ": same model, method, task and evaluation as "
                        + previous.where());
            }
        }
        return this;
    }

    /** The reported value as written, or null; task {@code avg} for the Avg column. */
    public String get(String model, String method, String task, String evaluation, String metric) {
        Entry e = byKey.get(new Key(model.toLowerCase(Locale.ROOT), method, Tasks.normalize(task), evaluation, metric));
        if (e != null) {
            used.add(e);
        }
        return e == null ? null : e.value();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Rows no table cell asked for (typos, or models/methods not in the run), as "file:line model/method/…". */
    public Set<String> unused() {
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (!used.contains(e)) {
                out.add(e.where() + " " + e.model() + "/" + e.method() + "/" + e.task() + "/" + e.evaluation());
            }
        }
        return out;
    }
}
