package org.rosebench.core.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** All methods on the classpath, found with {@link ServiceLoader}; names are unique. */
public final class MethodRegistry {

    private final Map<String, MethodProvider> providers = new LinkedHashMap<>();

    public static MethodRegistry load() {
        MethodRegistry r = new MethodRegistry();
        for (MethodProvider p : ServiceLoader.load(MethodProvider.class)) {
            r.register(p);
        }
        return r;
    }

    public void register(MethodProvider p) {
        MethodProvider old = providers.putIfAbsent(p.name(), p);
        if (old != null && old.getClass() != p.getClass()) {
            throw new IllegalStateException("two methods named '" + p.name() + "': " + old.getClass().getName()
                    + " and " + p.getClass().getName());
        }
    }

    public List<MethodProvider> providers() {
        return List.copyOf(providers.values());
    }

    public MethodProvider get(String name) {
        MethodProvider p = providers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown method '" + name + "' (available: "
                    + String.join(", ", providers.keySet()) + ")");
        }
        return p;
    }

    public FineTuningMethod create(String name, Map<String, String> params) {
        MethodProvider p = get(name);
        return p.create(MethodParams.of(name, p.parameters(), params));
    }
}
