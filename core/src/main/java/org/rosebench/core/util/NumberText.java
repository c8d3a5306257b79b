package org.rosebench.core.util;

import java.math.BigDecimal;

/**
 * One spelling per number, so that settings written differently ({@code 0.5}, {@code 5e-1}, {@code 0.50}) name
 * the same run in cell keys.
 */
public final class NumberText {

    private NumberText() {}

    /**
     * The canonical text of a finite decimal number: no exponent, no trailing zeros ({@code 1.0E-5} is
     * {@code 0.00001}, {@code 100.0} is {@code 100}). Throws {@link NumberFormatException} for anything else.
     */
    public static String canonical(String number) {
        String t = number.trim();
        if (!Double.isFinite(Double.parseDouble(t))) {
            throw new NumberFormatException("not a finite number: " + number);
        }
        return new BigDecimal(t).stripTrailingZeros().toPlainString();
    }

    /** {@link #canonical} for text that is a number; any other text unchanged. */
    public static String canonicalIfNumber(String text) {
        try {
            return canonical(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
