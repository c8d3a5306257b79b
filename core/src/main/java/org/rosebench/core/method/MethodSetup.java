package org.rosebench.core.method;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method as configured for one run: the objective and, optionally, a selector. Its name is
 * {@code method[+selector]}, e.g. {@code vanilla}, {@code r3f+rose-ensemble}; a selector name alone
 * ({@code rose-first}) means {@code vanilla+rose-first}.
 */
public record MethodSetup(FineTuningMethod method, UpdateSelector selector) {

    public String name() {
        if (selector == null) {
            return method.name();
        }
        return method.name().equals("vanilla") ? selector.name() : method.name() + "+" + selector.name();
    }

    /** All parameters, selector ones prefixed by nothing (names are unique across the pair). */
    public Map<String, String> parameters() {
        Map<String, String> all = new LinkedHashMap<>(method.parameters());
        if (selector != null) {
            all.putAll(selector.parameters());
        }
        return all;
    }
}
