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
 * evaluation, task, method and metric with n (seeds with a value), n_expected (seeds every cell of the table should
 * have), mean, std (4 decimals), then on the evaluation's primary metric the comparison with the baseline
 * ({@link Comparison}): delta, ci_low and ci_high in points (4 decimals), p_value (4 significant digits), the test,
 * n_seeds and n_baseline_seeds (seeds compared) and n_examples; and the paper value.
 */
public final class SummaryCsv {

    public static final String[] HEADER = {"model", "evaluation", "task", "method", "metric", "n", "n_expected",
        "mean", "std", "delta", "ci_low", "ci_high", "p_value", "test", "n_seeds", "n_baseline_seeds", "n_examples",
        "paper"};

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
                Comparison c = primary ? data.comparison(k.model(), k.task(), k.method(), k.evaluation()) : null;
                String paper = data.paper().get(k.model(), k.method(), k.task(), k.evaluation(), k.metric());
                p.printRecord(k.model(), k.evaluation(), k.task(), k.method(), k.metric(), s.n(),
                        data.coverage().expected(k.model(), k.evaluation()).size(),
                        s.n() == 0 ? "" : MetricsCsv.format(s.mean()), s.n() < 2 ? "" : MetricsCsv.format(s.std()),
                        c == null ? "" : MetricsCsv.format(c.delta()), c == null ? "" : MetricsCsv.format(c.ciLow()),
                        c == null ? "" : MetricsCsv.format(c.ciHigh()),
                        c == null || c.pValue() == null ? "" : fourDigits(c.pValue()), c == null ? "" : c.test(),
                        c == null ? "" : c.methodSeeds(), c == null ? "" : c.baselineSeeds(),
                        c == null ? "" : c.examples(), paper == null ? "" : paper);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String fourDigits(double p) {
        return new BigDecimal(p).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
