package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the table files of a run: {@code metrics.csv} (long format), {@code summary.csv} (aggregates and p-values),
 * {@code NAME.csv} and {@code NAME.md} per table, and all tables in {@code tables.md} and {@code tables.html}.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /** Returns the files written, in writing order. */
    public static List<Path> write(ReportData data, List<TextTable> tables, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path metrics = dir.resolve("metrics.csv");
        MetricsCsv.write(metrics, data.metrics());
        files.add(metrics);
        files.add(write(dir.resolve("summary.csv"), SummaryCsv.render(data)));
        for (TextTable t : tables) {
            files.add(write(dir.resolve(t.name() + ".csv"), TableRenderers.csv(t)));
            files.add(write(dir.resolve(t.name() + ".md"), TableRenderers.markdown(t)));
        }
        files.add(write(dir.resolve("tables.md"), TableRenderers.markdown(tables)));
        files.add(write(dir.resolve("tables.html"), TableRenderers.html(title, tables)));
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** One more table file beside the others. */
    static Path writeFile(Path file, String text) throws IOException {
        return write(file, text);
    }
}
