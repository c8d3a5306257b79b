package org.rosebench.core.method;

import java.util.List;
import java.util.Locale;
import org.rosebench.core.util.NumberText;

/**
 * A typed hyper-parameter of a method: name, type, default, description, and allowed values for choices. Values are
 * kept in one canonical form per type ({@code 0.5}, {@code 5e-1} and {@code 0.50} are all {@code 0.5}), so equal
 * settings written differently name the same run in cell keys.
 */
public record ParamSpec(String name, Type type, String defaultValue, String description, List<String> choices) {

    public enum Type { DOUBLE, INT, BOOLEAN, CHOICE }

    public ParamSpec {
        defaultValue = canonical(type, defaultValue);
    }

    public static ParamSpec decimal(String name, double dflt, String description) {
        return new ParamSpec(name, Type.DOUBLE, Double.toString(dflt), description, List.of());
    }

    public static ParamSpec integer(String name, int dflt, String description) {
        return new ParamSpec(name, Type.INT, Integer.toString(dflt), description, List.of());
    }

    public static ParamSpec bool(String name, boolean dflt, String description) {
        return new ParamSpec(name, Type.BOOLEAN, Boolean.toString(dflt), description, List.of());
    }

    public static ParamSpec choice(String name, String dflt, String description, String... choices) {
        return new ParamSpec(name, Type.CHOICE, dflt, description, List.of(choices));
    }

    /** Checks a user value against the type; returns it normalised. */
    public String validate(String method, String value) {
        String v = value.trim();
        try {
            switch (type) {
                case DOUBLE, INT -> v = canonical(type, v);
                case BOOLEAN -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw new NumberFormatException();
                    }
                    v = v.toLowerCase(Locale.ROOT);
                }
                case CHOICE -> {
                    if (!choices.contains(v)) {
                        throw new IllegalArgumentException(method + ": parameter " + name + " must be one of " + choices
                                + ", got '" + value + "'");
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(method + ": parameter " + name + " needs a " + type.name().toLowerCase(Locale.ROOT)
                    + ", got '" + value + "'");
        }
        return v;
    }

    /** Decimals and integers in their one canonical spelling ({@link NumberText}); other types as they are. */
    static String canonical(Type type, String value) {
        return switch (type) {
            case DOUBLE -> NumberText.canonical(value);
            case INT -> Integer.toString(Integer.parseInt(value.trim()));
            case BOOLEAN, CHOICE -> value;
        };
    }
}
