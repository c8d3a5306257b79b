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
 * second's? Landscapes have no per-example outcomes. A direction's sharpness is the loss increase at the full radius
 * R averaged over its two signs, (L(w + R·d) − L(w) + L(w − R·d) − L(w)) / 2, read from each cell's
 * {@code landscape.json}. Directions with the same index and seed pair up (the analysis draws them from the same seed
 * for every model, then filter-normalises each to its own weights), so each pair gives one difference first − second.
 * The unit of the test depends on how many seeds both methods have:
 * <ul>
 *   <li>one seed: the unit is one direction pair, and the answer is about these two trained models;
 *   <li>several seeds: the unit is one seed, its difference the mean over its direction pairs. Directions of one seed
 *       share that seed's two models, so pooling them across seeds would count one training run's luck as many
 *       independent observations; the answer is about the two training methods.
 * </ul>
 * On the units:
 * <ul>
 *   <li>Δ = the mean difference, with a (1 − α) Student-t interval over the units;
 *   <li>p = the two-sided sign-flip (randomisation) test of "no difference" on the units: exact over all 2<sup>n</sup>
 *       sign patterns up to {@value #EXACT_PAIRS} units, else its normal approximation. Its smallest possible value
 *       is 2 / 2<sup>n</sup>, so fewer than ⌈log2(2/α)⌉ units can never reach α;
 *   <li>Holm-adjusted over the cells of a model's table;
 *   <li>the verdict on "first flatter": holds = Δ &lt; 0 with adjusted p &lt; α; does not hold = Δ &gt; 0 with
 *       adjusted p &lt; α (significantly sharper); otherwise cannot be told.
 * </ul>
 * ε-sharpness (one number per seed) is shown beside it as a mean difference over the paired seeds, untested.
 */
public final class FlatnessContrasts {

    /** Up to this many units the sign-flip test enumerates every pattern (2^20 sums of 20 terms). */
    static final int EXACT_PAIRS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per seed: each direction's mean increase at the full radius, and the ε-sharpness (NaN if absent). */
    record Landscape(double[] perDirection, double epsilonSharpness) {}

    /**
     * One cell: a contrast on one landscape evaluation of one task.
     *
     * @param units      what the test counts: direction pairs with one seed, seeds with several
     * @param seeds      seeds both methods have
     * @param directions direction pairs per seed (the fewest any seed has)
     * @param epsDelta   mean ε-sharpness difference over those seeds (NaN when either lacks it)
     */
    record Cell(String model, String evaluation, String task, Contrast contrast, int units, int seeds,
            int directions, double delta, double ciLow, double ciHigh, double pValue, boolean exact, double epsDelta,
            Double holm) {

        Cell withHolm(double adjusted) {
            return new Cell(model, evaluation, task, contrast, units, seeds, directions, delta, ciLow, ciHigh, pValue,
                    exact, epsDelta, adjusted);
        }

        boolean bySeed() {
            return seeds > 1;
        }

        /** "4 directions" or "3 seeds": what n counts. */
        String unitText(int n) {
            return n + (bySeed() ? (n == 1 ? " seed" : " seeds") : (n == 1 ? " direction" : " directions"));
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
        List<double[]> perSeed = new ArrayList<>(); // direction-pair differences of each paired seed
        double epsSum = 0;
        boolean epsKnown = true;
        for (Map.Entry<Long, Landscape> e : first.entrySet()) {
            Landscape other = second.get(e.getKey());
            if (other == null) {
                continue;
            }
            int k = Math.min(e.getValue().perDirection().length, other.perDirection().length);
            double[] diffs = new double[k];
            for (int d = 0; d < k; d++) {
                diffs[d] = e.getValue().perDirection()[d] - other.perDirection()[d];
            }
            perSeed.add(diffs);
            double eps = e.getValue().epsilonSharpness() - other.epsilonSharpness();
            epsKnown &= !Double.isNaN(eps);
            epsSum += eps;
        }
        if (perSeed.isEmpty()) {
            return null;
        }
        int seeds = perSeed.size();
        int directions = perSeed.stream().mapToInt(x -> x.length).min().orElseThrow();
        // one seed: its direction pairs are the units; several: each seed's mean over its pairs is one unit
        double[] d = seeds == 1 ? perSeed.get(0)
                : perSeed.stream().mapToDouble(x -> java.util.Arrays.stream(x).average().orElseThrow()).toArray();
        int n = d.length;
        Stats stats = Stats.of(d);
        double mean = stats.mean();
        double low = Double.NaN;
        double high = Double.NaN;
        if (n > 1) {
            double se = stats.std() / Math.sqrt(n);
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - alpha / 2);
            low = mean - t * se;
            high = mean + t * se;
        }
        boolean exact = n <= EXACT_PAIRS;
        double p = exact ? signFlipExact(d) : signFlipNormal(d);
        return new Cell(model, evaluation, task, c, n, seeds, directions, mean, low, high, p, exact,
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

    /** The fewest units whose sign-flip test can reach {@code alpha}: 2 / 2^n &lt; alpha. */
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
        if (c.units() < needed) {
            return String.format(Locale.ROOT, "cannot be told (%s: p ≥ %s always; ≥ %d needed)",
                    c.unitText(c.units()), Stats.plain(2.0 / Math.pow(2, c.units())), needed);
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
                    "A direction's sharpness = the loss increase at the full radius R along one random "
                            + "filter-normalised direction, averaged over ±R (nats); directions of the same index and "
                            + "seed pair up. Unit: with one seed, a direction pair (a statement about these trained "
                            + "models); with several, a seed, its mean over its direction pairs (a statement about the "
                            + "training methods). Δ = mean over the units of first − second, negative = first "
                            + "flatter; [low, high] = " + confidence + "% Student-t interval over the units.",
                    "p = two-sided sign-flip test over the units (exact up to " + EXACT_PAIRS + " units), "
                            + "Holm = its Holm-adjusted value; " + ReportNotes.MARKER + " marks Holm-adjusted p < "
                            + ReportNotes.plain(alpha)
                            + " over the " + mine.size() + " cells of this table. With n units no p can fall below "
                            + "2/2^n, so fewer than " + pairsNeeded(alpha) + " units can never be significant.",
                    "Verdict on \"first flatter\": holds = Δ < 0 with Holm-adjusted p < " + ReportNotes.plain(alpha)
                            + "; does not hold = Δ > 0 with Holm-adjusted p < " + ReportNotes.plain(alpha)
                            + "; otherwise cannot be told. Δ ε-sharpness = mean over the paired seeds of first − "
                            + "second, untested (docs/landscape.md §8).");
            out.add(new TextTable(FileNames.table(model, "flatness"), model + " · flatness contrasts (loss landscapes)",
                    header, numeric, rows, notes));
        }
        return out;
    }

    private String deltaText(Cell c) {
        String interval = Double.isNaN(c.ciLow()) ? ""
                : String.format(Locale.ROOT, " [%+.4f, %+.4f]", c.ciLow(), c.ciHigh());
        String p = String.format(Locale.ROOT, " p=%s%s, Holm %s", Stats.plain(round(c.pValue())),
                c.exact() ? "" : " (normal)", Stats.plain(round(c.holm())));
        boolean marked = c.holm() < alpha;
        String n = c.bySeed()
                ? String.format(Locale.ROOT, " (n=%s, %d directions each)", c.unitText(c.units()), c.directions())
                : String.format(Locale.ROOT, " (n=%s, 1 seed)", c.unitText(c.units()));
        return String.format(Locale.ROOT, "%+.4f", c.delta()) + interval + n + p + (marked ? ReportNotes.MARKER : "");
    }

    private static double round(double p) {
        return new java.math.BigDecimal(p).round(new java.math.MathContext(3)).doubleValue();
    }
}
