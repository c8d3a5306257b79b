package org.rosebench.attacks.calibration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * How a sentence-encoder threshold is chosen from similarity scores. A pair is accepted when its score is at least
 * the threshold, as in {@link org.rosebench.attacks.constraint.SentenceEncoderSimilarity}.
 *
 * <p>Both rules first find an interval of thresholds that all give the same acceptances, {@code (lower, upper]}
 * with {@code upper} an observed score and {@code lower} the next lower observed score, and then report the shortest
 * decimal in that interval closest to its midpoint ({@link #between}): the acceptances on the calibration pairs are
 * exactly those of any threshold in the interval, and the number does not pretend to more digits than the data fix.
 */
public final class ThresholdRule {

    private ThresholdRule() {
    }

    /** The rules the calibration uses. */
    public enum Kind {
        /**
         * Maximum Youden's J = acceptance of meaning-preserving pairs − acceptance of meaning-changing pairs; ties go to
         * the lowest threshold (the most permissive one, as a thresholdless encoder would be).
         */
        MAX_YOUDEN_J,
        /**
         * The lowest threshold whose Youden's J is within one standard error of the maximum: J is flat near its
         * maximum, and among thresholds the data cannot tell apart this is the most permissive.
         */
        YOUDEN_J_ONE_SE,
        /** The largest threshold that still accepts at least {@code 1 − p} of the meaning-preserving pairs. */
        LOWER_PERCENTILE
    }

    /** A chosen threshold with its acceptances on the pairs it was chosen from. */
    public record Choice(double threshold, double acceptPositive, double acceptNegative) {
        public double youdenJ() {
            return acceptPositive - acceptNegative;
        }
    }

    /** Share of {@code scores} that are at least {@code threshold}; NaN for no scores. */
    public static double acceptance(double[] scores, double threshold) {
        if (scores.length == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (double s : scores) {
            if (s >= threshold) {
                n++;
            }
        }
        return (double) n / scores.length;
    }

    /**
     * The threshold with the largest Youden's J between {@code positives} (meaning-preserving pairs, to be accepted)
     * and {@code negatives} (meaning-changing pairs, to be rejected). With no separation at all (J ≤ 0 everywhere)
     * the threshold accepts every pair.
     */
    public static Choice maxYoudenJ(double[] positives, double[] negatives) {
        return youdenWithin(positives, negatives, 0);
    }

    /**
     * The lowest threshold whose Youden's J is within {@code tolerance} of the maximum (with a standard error as the
     * tolerance, the "one-standard-error rule": among thresholds the data cannot tell apart from the best, the most
     * permissive one). {@code tolerance = 0} is {@link #maxYoudenJ}.
     */
    public static Choice youdenWithin(double[] positives, double[] negatives, double tolerance) {
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException("Youden's J needs both positive and negative scores");
        }
        double[] all = distinctDescending(positives, negatives);
        double[] p = sortedAscending(positives);
        double[] q = sortedAscending(negatives);
        double[] j = new double[all.length];
        double bestJ = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < all.length; k++) {
            j[k] = atLeast(p, all[k]) - atLeast(q, all[k]);
            bestJ = Math.max(bestJ, j[k]);
        }
        // Descending order: the last qualifying index is the lowest threshold.
        int pick = -1;
        for (int k = 0; k < all.length; k++) {
            if (j[k] >= bestJ - tolerance - 1e-12) {
                pick = k;
            }
        }
        double upper = all[pick];
        double lower = pick + 1 < all.length ? all[pick + 1] : Double.NEGATIVE_INFINITY;
        double t = between(lower, upper);
        return new Choice(t, acceptance(positives, t), acceptance(negatives, t));
    }

    /**
     * The largest threshold that accepts at least {@code 1 − fraction} of {@code positives} (e.g. 0.01: 99% pass),
     * reported with its acceptance of {@code negatives} (may be empty).
     */
    public static Choice lowerPercentile(double[] positives, double fraction, double[] negatives) {
        if (positives.length == 0) {
            throw new IllegalArgumentException("no scores");
        }
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1): " + fraction);
        }
        double[] p = sortedAscending(positives);
        // Rejecting the floor(fraction * n) lowest scores keeps at least (1 - fraction) of them.
        int idx = (int) Math.floor(fraction * p.length + 1e-9);
        double upper = p[idx];
        double lower = Double.NEGATIVE_INFINITY;
        for (int k = idx - 1; k >= 0; k--) {
            if (p[k] < upper) {
                lower = p[k];
                break;
            }
        }
        double t = between(lower, upper);
        return new Choice(t, acceptance(positives, t), negatives.length == 0 ? Double.NaN : acceptance(negatives, t));
    }

    /**
     * The shortest decimal (2 to 8 places) in {@code (lower, upper]} nearest the midpoint; {@code upper} itself when
     * {@code lower} is unbounded or no such decimal exists.
     */
    public static double between(double lower, double upper) {
        if (Double.isInfinite(lower) || !(lower < upper)) {
            return upper;
        }
        double mid = (lower + upper) / 2;
        for (int places = 2; places <= 8; places++) {
            double r = new BigDecimal(mid).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
            if (r > lower && r <= upper) {
                return r;
            }
        }
        return mid;
    }

    /** The value below which a share {@code q} of {@code scores} lies (linear interpolation, numpy's default). */
    public static double quantile(double[] scores, double q) {
        double[] s = sortedAscending(scores);
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double atLeast(double[] ascending, double t) {
        // first index with value >= t
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) (ascending.length - lo) / ascending.length;
    }

    private static double[] sortedAscending(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }

    private static double[] distinctDescending(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return Arrays.stream(all).distinct().boxed().sorted((x, y) -> Double.compare(y, x))
                .mapToDouble(Double::doubleValue).toArray();
    }
}
