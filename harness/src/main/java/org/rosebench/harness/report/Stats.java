package org.rosebench.harness.report;

import java.util.Locale;

/**
 * Mean and sample standard deviation (n − 1) of one metric over seeds.
 *
 * @param n seeds with a value (NaN values are left out)
 */
public record Stats(double mean, double std, int n) {

    public static final Stats NONE = new Stats(Double.NaN, Double.NaN, 0);

    /** "85.10 ± 0.42", "85.10" for one seed, "–" for none (2 decimals, Locale.ROOT). */
    public String format() {
        if (n == 0) {
            return "–";
        }
        return n == 1 ? fixed(mean) : fixed(mean) + " ± " + fixed(std);
    }

    static String fixed(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
