package org.rosebench.harness.report;

import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Mean and sample standard deviation (n − 1) of one metric over seeds.
 *
 * @param n seeds with a value (NaN values are left out)
 */
public record Stats(double mean, double std, int n) {

    public static final Stats NONE = new Stats(Double.NaN, Double.NaN, 0);

    /** Mean and sample std of {@code values} (std NaN for one value); {@link #NONE} for none. */
    public static Stats of(double... values) {
        if (values.length == 0) {
            return NONE;
        }
        return new Stats(StatUtils.mean(values), values.length > 1 ? Math.sqrt(StatUtils.variance(values)) : Double.NaN,
                values.length);
    }

    /** "85.10 ± 0.42", "85.10" for one seed, "–" for none (2 decimals, Locale.ROOT). */
    public String format() {
        return format(2);
    }

    /** {@link #format()} with another number of decimals (losses need more than percentages). */
    public String format(int decimals) {
        if (n == 0) {
            return "–";
        }
        return n == 1 ? fixed(mean, decimals) : fixed(mean, decimals) + " ± " + fixed(std, decimals);
    }

    static String fixed(double x) {
        return fixed(x, 2);
    }

    /** A number without exponent or trailing zeros ({@code 0.001}, {@code 1}). */
    static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    static String fixed(double x, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
