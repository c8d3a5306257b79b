package org.rosebench.harness.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The aggregates behind the tables in machine-readable form ({@code tables/summary.csv}): one row per model,
 * evaluation, task, method and metric with n, mean, std (4 decimals), the p-value against the baseline (on the
 * evaluation's primary metric) and the paper value.
 */
public final class SummaryCsv {

    public static final String[] HEADER = {"model", "evaluation", "task", "method", "metric", "n", "mean", "std",
        "p_value", "test", "paper"};

    private SummaryCsv() {}

    public static String render(ReportData data) {
        Comparator<SeedAggregates.Key> order = Comparator.comparing(SeedAggregates.Key::model)
                .thenComparing(SeedAggregates.Key::evaluation, Evaluations.ORDERING)
                .thenComparing(SeedAggregates.Key::task, Tasks.ORDERING)
                .thenComparing(SeedAggregates.Key::method, data.methods().ordering())
                .thenComparing(SeedAggregates.Key::metric, Metrics.ORDERING);
        TreeSet<SeedAggregates.Key> keys = new TreeSet<>(order);
        for (MetricRow m : data.metrics()) {
            keys.add(new SeedAggregates.Key(m.model(), m.task(), m.method(), m.evaluation(), m.metric()));
        }
        StringWriter w = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get();
        try (CSVPrinter p = new CSVPrinter(w, format)) {
            for (SeedAggregates.Key k : keys) {
                Stats s = data.stats(k.model(), k.task(), k.method(), k.evaluation(), k.metric());
                boolean primary = k.metric().equals(Metrics.primary(k.evaluation()));
                Double pValue = primary ? data.significance().pValue(k.model(), k.task(), k.method(), k.evaluation())
                        : null;
                String paper = data.paper().get(k.model(), k.method(), k.task(), k.evaluation(), k.metric());
                p.printRecord(k.model(), k.evaluation(), k.task(), k.method(), k.metric(), s.n(),
                        s.n() == 0 ? "" : MetricsCsv.format(s.mean()), s.n() < 2 ? "" : MetricsCsv.format(s.std()),
                        pValue == null ? "" : new BigDecimal(pValue).round(new MathContext(4)).stripTrailingZeros()
                                .toPlainString(),
                        pValue == null ? "" : data.test().description(), paper == null ? "" : paper);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
