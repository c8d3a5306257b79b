package org.rosebench.harness.report;

import java.util.List;
import java.util.Locale;
import org.rosebench.core.BadInputException;

/**
 * A comparison the user asks for between two methods of a run, written {@code "TREATMENT vs CONTROL"} with labels or
 * specs, e.g. {@code "ROSE-Ensemble vs ROSE-First"}: Δ = treatment − control, tested and bootstrapped exactly like
 * every method against {@value Methods#BASELINE}.
 */
public record Contrast(String treatment, String control) {

    private static final String SEPARATOR = " vs ";

    public static Contrast parse(String text) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(SEPARATOR);
        if (at <= 0 || at + SEPARATOR.length() >= text.length()) {
            throw new BadInputException("contrast '" + text + "': write it as \"TREATMENT vs CONTROL\", e.g. "
                    + "\"ROSE-Ensemble vs ROSE-First\" (method labels or specs)");
        }
        String treatment = text.substring(0, at).strip();
        String control = text.substring(at + SEPARATOR.length()).strip();
        if (treatment.isEmpty() || control.isEmpty()) {
            throw new BadInputException("contrast '" + text + "': both sides need a method");
        }
        return new Contrast(treatment, control);
    }

    /** Both sides as method specs of the run; an error naming the methods it has when one is unknown. */
    Contrast resolve(Methods methods, List<String> specsInRun) {
        String t = methods.resolve(treatment);
        String c = methods.resolve(control);
        for (String[] side : new String[][] {{treatment, t}, {control, c}}) {
            if (!specsInRun.contains(side[1])) {
                throw new BadInputException("contrast '" + this + "': no method '" + side[0] + "' in the run "
                        + "(methods: " + String.join(", ", specsInRun.stream().map(methods::label).toList()) + ")");
            }
        }
        if (t.equals(c)) {
            throw new BadInputException("contrast '" + this + "' compares a method with itself");
        }
        return new Contrast(t, c);
    }

    @Override
    public String toString() {
        return treatment + SEPARATOR + control;
    }
}
