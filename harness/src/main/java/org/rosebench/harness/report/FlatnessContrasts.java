package org.rosebench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * The user's contrasts read on loss landscapes (docs/landscape.md §8): is the first method's optimum flatter than the
 * second's? Landscapes have no per-example outcomes, so the unit of the test is one random direction of one seed:
 * a direction's sharpness is the loss increase at the full radius R averaged over its two signs,
 * (L(w + R·d) − L(w) + L(w − R·d) − L(w)) / 2, read from each cell's {@code landscape.json}. Directions with the same
 * index and seed pair up (the analysis draws them from the same seed for every model, then filter-normalises each
 * to its own weights), so each pair gives one difference first − second.
 * <ul>
 *   <li>Δ = the mean difference, with a (1 − α) Student-t interval over the pairs;
 *   <li>p = the two-sided sign-flip (randomisation) test of "no difference" on the pairs: exact over all 2<sup>n</sup>
 *       sign patterns up to {@value #EXACT_PAIRS} pairs, else its normal approximation. Its smallest possible value
 *       is 2 / 2<sup>n</sup>, so fewer than ⌈log2(2/α)⌉ pairs can never reach α;
 *   <li>Holm-adjusted over the cells of a model's table;
 *   <li>the verdict on "first flatter": holds = Δ &lt; 0 with adjusted p &lt; α; does not hold = Δ &gt; 0 with
 *       adjusted p &lt; α (significantly sharper); otherwise cannot be told.
 * </ul>
 * ε-sharpness (one number per seed) is shown beside it as a mean difference over the paired seeds, untested.
 * The directions measure this one trained model per seed; a statement about training runs needs several seeds.
 */
public final class FlatnessContrasts {

    /** Up to this many pairs the sign-flip test enumerates every pattern (2^20 sums of 20 terms). */
    static final int EXACT_PAIRS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per seed: each direction's mean increase at the full radius, and the ε-sharpness (NaN if absent). */
    record Landscape(double[] perDirection, double epsilonSharpness) {}

    /**
     * One cell: a contrast on one landscape evaluation of one task.
     *
     * @param pairs    direction × seed pairs
     * @param seeds    seeds both methods have
     * @param epsDelta mean ε-sharpness difference over those seeds (NaN when either lacks it)
     */
    record Cell(String model, String evaluation, String task, Contrast contrast, int pairs, int seeds, double delta,
            double ciLow, double ciHigh, double pValue, boolean exact, double epsDelta, Double holm) {

        Cell withHolm(double adjusted) {
            return new Cell(model, evaluation, task, contrast, pairs, seeds, delta, ciLow, ciHigh, pValue, exact,
                    epsDelta, adjusted);
        }
    }

    private final ReportData data;
    private final List<Contrast> contrasts;
    private final List<Cell> cells;
    private final double alpha;

    private FlatnessContrasts(ReportData data, List<Contrast> contrasts, List<Cell> cells) {
        this.data = data;
        this.contrasts = contrasts;
        this.cells = cells;
        this.alpha = data.alpha();
    }

    /** Reads every landscape cell of the run and computes the contrasts that have landscapes on both sides. */
    public static FlatnessContrasts of(ReportData data, List<Contrast> contrasts, Consumer<String> warn) {
        List<String> specs = data.rows().stream().map(ResultRow::method).distinct().toList();
        List<Contrast> resolved = contrasts.stream().map(c -> c.resolve(data.methods(), specs)).distinct().toList();
        // model → evaluation → task → method → seed → landscape
        Map<String, Map<String, Map<String, Map<String, Map<Long, Landscape>>>>> read = new TreeMap<>();
        for (ResultRow r : data.rows()) {
            if (!ResultRow.LANDSCAPE.equals(r.kind())) {
                continue;
            }
            Path file = r.file().resolveSibling("landscape.json");
            Landscape l;
            try {
                l = read(file);
            } catch (IOException | RuntimeException e) {
                warn.accept(file + ": left out of the flatness contrasts (" + e.getMessage() + ")");
                continue;
            }
            if (l == null) {
                continue; // no random directions in this analysis
            }
            read.computeIfAbsent(r.model(), k -> new TreeMap<>()).computeIfAbsent(r.evaluation(), k -> new TreeMap<>())
                    .computeIfAbsent(r.task(), k -> new TreeMap<>()).computeIfAbsent(r.method(), k -> new TreeMap<>())
                    .put(r.seed(), l);
        }
        List<Cell> cells = new ArrayList<>();
        for (String model : data.models()) {
            List<Cell> family = new ArrayList<>();
            for (Contrast c : resolved) {
                for (String evaluation : data.evaluations(model)) {
                    if (!Evaluations.isLandscape(evaluation)) {
                        continue;
                    }
                    for (String task : data.tasks(model, evaluation)) {
                        Map<String, Map<Long, Landscape>> byMethod = read.getOrDefault(model, Map.of())
                                .getOrDefault(evaluation, Map.of()).getOrDefault(task, Map.of());
                        Cell cell = cell(model, evaluation, task, c, byMethod.get(c.treatment()),
                                byMethod.get(c.control()), data.alpha());
                        if (cell != null) {
                            family.add(cell);
                        }
                    }
                }
            }
            cells.addAll(holm(family));
        }
        return new FlatnessContrasts(data, resolved, cells);
    }

    /** The direction of {@code landscape.json}'s largest radius fraction, and ε-sharpness; null without directions. */
    static Landscape read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode sharpness = root.path("sharpness");
        if (!sharpness.isArray() || sharpness.isEmpty()) {
            return null;
        }
        JsonNode full = null;
        for (JsonNode s : sharpness) {
            if (full == null || s.path("fraction").asDouble() > full.path("fraction").asDouble()) {
                full = s;
            }
        }
        JsonNode plus = full.path("plus");
        JsonNode minus = full.path("minus");
        if (!plus.isArray() || !minus.isArray() || plus.size() != minus.size() || plus.isEmpty()) {
            throw new IllegalArgumentException("sharpness at fraction " + full.path("fraction").asText()
                    + " needs equally long, non-empty 'plus' and 'minus' arrays");
        }
        double[] perDirection = new double[plus.size()];
        for (int d = 0; d < perDirection.length; d++) {
            perDirection[d] = (number(plus.get(d), "plus") + number(minus.get(d), "minus")) / 2;
        }
        JsonNode eps = root.path("epsilon_sharpness").path("keskar_percent");
        return new Landscape(perDirection, eps.isNumber() ? eps.asDouble() : Double.NaN);
    }

    private static double number(JsonNode n, String field) {
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' holds a non-number: " + n);
        }
        return n.asDouble();
    }

    static Cell cell(String model, String evaluation, String task, Contrast c, Map<Long, Landscape> first,
            Map<Long, Landscape> second, double alpha) {
        if (first == null || second == null) {
            return null;
        }
        List<Double> diffs = new ArrayList<>();
        double epsSum = 0;
        int seeds = 0;
        boolean epsKnown = true;
        for (Map.Entry<Long, Landscape> e : first.entrySet()) {
            Landscape other = second.get(e.getKey());
            if (other == null) {
                continue;
            }
            seeds++;
            int k = Math.min(e.getValue().perDirection().length, other.perDirection().length);
            for (int d = 0; d < k; d++) {
                diffs.add(e.getValue().perDirection()[d] - other.perDirection()[d]);
            }
            double eps = e.getValue().epsilonSharpness() - other.epsilonSharpness();
            epsKnown &= !Double.isNaN(eps);
            epsSum += eps;
        }
        if (diffs.isEmpty()) {
            return null;
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        int n = d.length;
        double mean = 0;
        for (double x : d) {
            mean += x;
        }
        mean /= n;
        double low = Double.NaN;
        double high = Double.NaN;
        if (n > 1) {
            double ss = 0;
            for (double x : d) {
                ss += (x - mean) * (x - mean);
            }
            double se = Math.sqrt(ss / (n - 1) / n);
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - alpha / 2);
            low = mean - t * se;
            high = mean + t * se;
        }
        boolean exact = n <= EXACT_PAIRS;
        double p = exact ? signFlipExact(d) : signFlipNormal(d);
        return new Cell(model, evaluation, task, c, n, seeds, mean, low, high, p, exact,
                epsKnown ? epsSum / seeds : Double.NaN, null);
    }

    /**
     * Two-sided exact sign-flip p-value: the share of the 2^n sign patterns s whose |Σ s_i·d_i| is at least the
     * observed |Σ d_i| (a relative 1e-9 tolerance keeps the observed pattern and its mirror from rounding out).
     */
    static double signFlipExact(double[] d) {
        int n = d.length;
        double observed = 0;
        double scale = 0;
        for (double x : d) {
            observed += x;
            scale += Math.abs(x);
        }
        double threshold = Math.abs(observed) - 1e-9 * scale;
        long count = 0;
        long patterns = 1L << n;
        for (long s = 0; s < patterns; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (s >>> i & 1) == 0 ? d[i] : -d[i];
            }
            if (Math.abs(sum) >= threshold) {
                count++;
            }
        }
        return (double) count / patterns;
    }

    /** The sign-flip sum's normal approximation: mean 0, variance Σ d_i². */
    static double signFlipNormal(double[] d) {
        double sum = 0;
        double sq = 0;
        for (double x : d) {
            sum += x;
            sq += x * x;
        }
        if (sq == 0) {
            return 1;
        }
        return Math.min(1, Erf.erfc(Math.abs(sum) / Math.sqrt(2 * sq)));
    }

    /** The fewest pairs whose sign-flip test can reach {@code alpha}: 2 / 2^n &lt; alpha. */
    static int pairsNeeded(double alpha) {
        int n = 1;
        while (2.0 / Math.pow(2, n) >= alpha) {
            n++;
        }
        return n;
    }

    static List<Cell> holm(List<Cell> family) {
        Double[] adjusted = Holm.adjust(family.stream().map(c -> (Double) c.pValue()).toList());
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            out.add(family.get(i).withHolm(adjusted[i]));
        }
        return out;
    }

    List<Cell> cells() {
        return cells;
    }

    /** The verdict on the claim "the first method's optimum is flatter than the second's". */
    String verdict(Cell c) {
        if (c.holm() < alpha && c.delta() < 0) {
            return "holds";
        }
        if (c.holm() < alpha && c.delta() > 0) {
            return "does not hold (sharper)";
        }
        int needed = pairsNeeded(alpha);
        if (c.pairs() < needed) {
            return String.format(Locale.ROOT, "cannot be told (%d pairs: p ≥ %s always; ≥ %d needed)", c.pairs(),
                    Stats.plain(2.0 / Math.pow(2, c.pairs())), needed);
        }
        return "cannot be told";
    }

    /** One table per model that has a cell. */
    public List<TextTable> tables() {
        List<TextTable> out = new ArrayList<>();
        for (String model : data.models()) {
            List<Cell> mine = cells.stream().filter(c -> c.model().equals(model)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Map<String, String[]> columns = new LinkedHashMap<>(); // evaluation + task → (evaluation, task)
            for (Cell c : mine) {
                columns.putIfAbsent(c.evaluation() + "\n" + c.task(), new String[] {c.evaluation(), c.task()});
            }
            List<String> header = new ArrayList<>(List.of("Contrast (Δ = first − second)"));
            List<Boolean> numeric = new ArrayList<>(List.of(false));
            for (String[] col : columns.values()) {
                String where = Evaluations.title(col[0]) + " · " + data.taskLabel(model, col[1]);
                header.addAll(List.of("Δloss at R · " + where, "Δ ε-sharpness (%) · " + where,
                        "first flatter? · " + where));
                numeric.addAll(List.of(true, true, false));
            }
            List<List<String>> rows = new ArrayList<>();
            for (Contrast contrast : contrasts) {
                List<String> row = new ArrayList<>(List.of(data.methods().label(contrast.treatment()) + " − "
                        + data.methods().label(contrast.control())));
                for (String[] col : columns.values()) {
                    Cell c = mine.stream().filter(x -> x.contrast().equals(contrast)
                            && x.evaluation().equals(col[0]) && x.task().equals(col[1])).findFirst().orElse(null);
                    if (c == null) {
                        row.addAll(List.of("–", "–", "–"));
                    } else {
                        row.addAll(List.of(deltaText(c), Double.isNaN(c.epsDelta()) ? "–"
                                : String.format(Locale.ROOT, "%+.2f (n=%d)", c.epsDelta(), c.seeds()), verdict(c)));
                    }
                }
                rows.add(row);
            }
            String confidence = ReportNotes.confidencePercent(alpha);
            List<String> notes = List.of(
                    "Unit = one random filter-normalised direction of one seed; its sharpness = the loss increase "
                            + "at the full radius R averaged over ±R (nats); directions of the same index and seed "
                            + "pair up. Δ = mean over the pairs of first − second, negative = first flatter; ["
                            + "low, high] = " + confidence + "% Student-t interval over the pairs; n = pairs (seeds).",
                    "p = two-sided sign-flip test over the pairs (exact up to " + EXACT_PAIRS + " pairs); "
                            + ReportNotes.MARKER + " marks Holm-adjusted p < " + ReportNotes.plain(alpha)
                            + " over the " + mine.size() + " cells of this table. With n pairs no p can fall below "
                            + "2/2^n, so fewer than " + pairsNeeded(alpha) + " pairs can never be significant.",
                    "Verdict on \"first flatter\": holds = Δ < 0 with Holm-adjusted p < " + ReportNotes.plain(alpha)
                            + "; does not hold = Δ > 0 with Holm-adjusted p < " + ReportNotes.plain(alpha)
                            + "; otherwise cannot be told. Δ ε-sharpness = mean over the paired seeds of first − "
                            + "second, untested. Directions measure one trained model per seed: a statement about "
                            + "training runs needs several seeds (docs/landscape.md §8).");
            out.add(new TextTable(FileNames.table(model, "flatness"), model + " · flatness contrasts (loss landscapes)",
                    header, numeric, rows, notes));
        }
        return out;
    }

    private String deltaText(Cell c) {
        String interval = Double.isNaN(c.ciLow()) ? ""
                : String.format(Locale.ROOT, " [%+.4f, %+.4f]", c.ciLow(), c.ciHigh());
        String p = String.format(Locale.ROOT, " p=%s%s", Stats.plain(round(c.pValue())), c.exact() ? "" : " (normal)");
        boolean marked = c.holm() < alpha;
        return String.format(Locale.ROOT, "%+.4f", c.delta()) + interval
                + String.format(Locale.ROOT, " (n=%d, %d seed%s)", c.pairs(), c.seeds(), c.seeds() == 1 ? "" : "s") + p
                + (marked ? ReportNotes.MARKER : "");
    }

    private static double round(double p) {
        return new java.math.BigDecimal(p).round(new java.math.MathContext(3)).doubleValue();
    }
}
