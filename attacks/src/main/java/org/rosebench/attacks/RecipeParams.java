package org.rosebench.attacks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Options for building a recipe: the shared {@link AttackOptions} and recipe-specific overrides as strings
 * (e.g. {@code max-candidates=8}); each recipe's {@link Recipe#describe()} lists the keys it reads.
 */
public record RecipeParams(AttackOptions options, Map<String, String> overrides) {

    public RecipeParams {
        overrides = Map.copyOf(overrides);
    }

    public static RecipeParams defaults() {
        return new RecipeParams(AttackOptions.defaults(), Map.of());
    }

    public static RecipeParams of(AttackOptions options) {
        return new RecipeParams(options, Map.of());
    }

    public RecipeParams with(String key, String value) {
        HashMap<String, String> m = new HashMap<>(overrides);
        m.put(key, value);
        return new RecipeParams(options, m);
    }

    public String string(String key, String defaultValue) {
        return overrides.getOrDefault(key, defaultValue);
    }

    public int integer(String key, int defaultValue) {
        String v = overrides.get(key);
        try {
            return v == null ? defaultValue : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " must be an integer: " + v, e);
        }
    }

    public double real(String key, double defaultValue) {
        String v = overrides.get(key);
        try {
            return v == null ? defaultValue : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " must be a number: " + v, e);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = overrides.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("parameter " + key + " must be true or false: " + v);
        };
    }

    /** Fails on keys the recipe does not read, so that typos do not pass silently. */
    public void requireKnown(String recipe, Set<String> known) {
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(recipe + " does not take parameter(s) " + unknown + "; it takes "
                    + new TreeSet<>(known));
        }
    }
}
