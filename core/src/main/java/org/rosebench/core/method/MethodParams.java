package org.rosebench.core.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated parameter values of one method instance: user values over declared defaults. */
public final class MethodParams {

    private final String method;
    private final Map<String, String> values;

    private MethodParams(String method, Map<String, String> values) {
        this.method = method;
        this.values = values;
    }

    /** Validates {@code user} against {@code specs}; unknown keys are errors that list the known ones. */
    public static MethodParams of(String method, List<ParamSpec> specs, Map<String, String> user) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
            out.put(s.name(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : user.entrySet()) {
            ParamSpec s = byName.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException(method + ": unknown parameter '" + e.getKey() + "' (known: "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
            }
            out.put(s.name(), s.validate(method, e.getValue()));
        }
        return new MethodParams(method, out);
    }

    public double getDouble(String name) {
        return Double.parseDouble(require(name));
    }

    public int getInt(String name) {
        return Integer.parseInt(require(name));
    }

    public boolean getBoolean(String name) {
        return Boolean.parseBoolean(require(name));
    }

    public String getString(String name) {
        return require(name);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(method + " has no parameter " + name);
        }
        return v;
    }
}
