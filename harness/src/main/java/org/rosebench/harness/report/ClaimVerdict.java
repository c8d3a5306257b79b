package org.rosebench.harness.report;

import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What one contrast says about a claim that the first method is better than the second, by a rule fixed before the
 * results are read ({@link Rule}):
 * <ul>
 *   <li>{@link Outcome#HOLDS}: Δ &gt; 0 with Holm-adjusted p &lt; alpha;
 *   <li>{@link Outcome#DOES_NOT_HOLD}: the interval's upper end is below {@code refuteBelow} points (an improvement
 *       of that size or more is excluded; a significantly negative Δ lands here too);
 *   <li>{@link Outcome#UNDETERMINED}: neither; then how much more data a {@code effect}-point difference would need
 *       to be found with probability {@code power} by a two-sided test at alpha, at the spread observed.
 * </ul>
 * The data needed is a normal approximation: the interval's half-width over z<sub>1−α/2</sub> is taken as the
 * standard error of Δ, which shrinks with the square root of the data, so the data must grow by the factor
 * k = (SE · (z<sub>1−α/2</sub> + z<sub>power</sub>) / effect)². The seeds × examples interval mixes seed and example
 * variation; scaling the examples alone, or the seeds alone, by k is the same approximation, exact for neither.
 *
 * @param outcome        the verdict
 * @param dataFactor     k above (NaN unless undetermined); at most 1 means the data already suffices for an
 *                       {@code effect}-point difference, so the true one is likely smaller
 * @param examplesNeeded ⌈k · examples⌉ at the current seeds (0 unless undetermined)
 * @param seedsNeeded    ⌈k · seeds⌉ at the current examples (0 unless undetermined)
 */
public record ClaimVerdict(Outcome outcome, double dataFactor, int examplesNeeded, int seedsNeeded) {

    /** The three verdicts. */
    public enum Outcome {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), UNDETERMINED("cannot be told");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * The rule.
     *
     * @param alpha       level of the Holm-adjusted test and of the (1 − alpha) interval
     * @param refuteBelow points: an interval entirely below it refutes the claim
     * @param effect      points: the difference the power estimate is for
     * @param power       probability of finding that difference
     */
    public record Rule(double alpha, double refuteBelow, double effect, double power) {

        public Rule {
            if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) || !(effect > 0)
                    || !Double.isFinite(refuteBelow)) {
                throw new IllegalArgumentException("verdict rule needs 0 < alpha < 1, 0 < power < 1, effect > 0 and "
                        + "a finite refute-below; got alpha " + alpha + ", power " + power + ", effect " + effect
                        + ", refute-below " + refuteBelow);
            }
        }

        /** The study's rule: refuted below +1 point, data needed for a 3-point difference at 80% power. */
        public static Rule defaults(double alpha) {
            return new Rule(alpha, 1.0, 3.0, 0.8);
        }

        public String description() {
            return String.format(Locale.ROOT, "holds = Δ > 0 with Holm-adjusted p < %s; does not hold = the "
                    + "interval's upper end below %+.1f points; otherwise cannot be told, with about how many "
                    + "examples (at the same seeds) or seeds (at the same examples) a %.1f-point difference would "
                    + "need for %.0f%% power, scaling the interval's standard error with 1/√data",
                    ReportNotes.plain(alpha), refuteBelow, effect, 100 * power);
        }
    }

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** The verdict on one comparison; {@code holm} is its Holm-adjusted p-value (null when it has none). */
    public static ClaimVerdict of(Comparison c, Double holm, Rule rule) {
        if (c.delta() > 0 && holm != null && holm < rule.alpha()) {
            return new ClaimVerdict(Outcome.HOLDS, Double.NaN, 0, 0);
        }
        if (c.ciHigh() < rule.refuteBelow()) {
            return new ClaimVerdict(Outcome.DOES_NOT_HOLD, Double.NaN, 0, 0);
        }
        double zAlpha = NORMAL.inverseCumulativeProbability(1 - rule.alpha() / 2);
        double zPower = NORMAL.inverseCumulativeProbability(rule.power());
        double se = (c.ciHigh() - c.ciLow()) / (2 * zAlpha);
        double k = Math.pow(se * (zAlpha + zPower) / rule.effect(), 2);
        return new ClaimVerdict(Outcome.UNDETERMINED, k, (int) Math.ceil(k * c.examples()),
                (int) Math.ceil(k * c.methodSeeds()));
    }

    /** Short text for a table cell. */
    public String text(Rule rule) {
        if (outcome != Outcome.UNDETERMINED) {
            return outcome.text();
        }
        if (dataFactor <= 1) {
            return String.format(Locale.ROOT, "cannot be told (enough data for %.1f points; a smaller gain is not "
                    + "excluded)", rule.effect());
        }
        return String.format(Locale.ROOT, "cannot be told (~%d examples or ~%d seeds)", examplesNeeded, seedsNeeded);
    }
}
