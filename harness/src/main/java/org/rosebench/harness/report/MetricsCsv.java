package org.rosebench.harness.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes the long metrics CSV ({@code RUN_DIR/tables/metrics.csv}, regression references). Values are
 * written with {@value #DECIMALS} decimals (NaN as {@code NaN}); {@link #round} gives what a written value reads back as.
 */
public final class MetricsCsv {

    public static final String[] HEADER = {"model", "task", "method", "seed", "evaluation", "metric", "value"};
    static final int DECIMALS = 4;

    private MetricsCsv() {}

    public static void write(Path file, List<MetricRow> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, format)) {
            for (MetricRow r : rows) {
                p.printRecord(r.model(), r.task(), r.method(), r.seed(), r.evaluation(), r.metric(), format(r.value()));
            }
        }
    }

    public static String format(double value) {
        return Double.isNaN(value) ? "NaN" : BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** The value as it reads back from a written file. */
    public static double round(double value) {
        return Double.isNaN(value) ? value : Double.parseDouble(format(value));
    }

    /** Reads a long metrics CSV; errors name the file, line and reason. Columns may come in any order. */
    public static List<MetricRow> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<MetricRow> rows = new ArrayList<>();
        Map<MetricRow.Key, Long> lines = new HashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(r)) {
            for (String column : HEADER) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException(file + ": missing column '" + column + "' (header must be "
                            + String.join(",", HEADER) + ")");
                }
            }
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                MetricRow row = parse(rec, file + ":" + line);
                Long previous = lines.putIfAbsent(row.key(), line);
                if (previous != null) {
                    throw new IllegalArgumentException(file + ":" + line + ": duplicate of line " + previous + " ("
                            + row.key() + ")");
                }
                rows.add(row);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": " + e.getCause().getMessage(), e);
        }
        return rows;
    }

    private static MetricRow parse(CSVRecord rec, String where) {
        if (!rec.isConsistent()) {
            throw new IllegalArgumentException(where + ": expected " + HEADER.length + " fields, got " + rec.size());
        }
        for (String column : HEADER) {
            if (rec.get(column).isEmpty()) {
                throw new IllegalArgumentException(where + ": empty " + column);
            }
        }
        long seed;
        try {
            seed = Long.parseLong(rec.get("seed"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": seed '" + rec.get("seed") + "' is not an integer");
        }
        double value;
        try {
            value = Double.parseDouble(rec.get("value"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": value '" + rec.get("value") + "' is not a number");
        }
        return new MetricRow(rec.get("model"), rec.get("task"), rec.get("method"), seed, rec.get("evaluation"),
                rec.get("metric"), value);
    }
}
