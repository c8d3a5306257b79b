package org.rosebench.core.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * All methods and update selectors on the classpath, found with {@link ServiceLoader}; names are unique. Resolves
 * {@code method[+selector]} specifications into a {@link MethodSetup}.
 */
public final class MethodRegistry {

    private final Map<String, MethodProvider> providers = new LinkedHashMap<>();
    private final Map<String, SelectorProvider> selectors = new LinkedHashMap<>();

    public static MethodRegistry load() {
        MethodRegistry r = new MethodRegistry();
        for (MethodProvider p : ServiceLoader.load(MethodProvider.class)) {
            r.register(p);
        }
        for (SelectorProvider p : ServiceLoader.load(SelectorProvider.class)) {
            r.register(p);
        }
        return r;
    }

    public void register(SelectorProvider p) {
        if (providers.containsKey(p.name()) || selectors.putIfAbsent(p.name(), p) != null
                && selectors.get(p.name()).getClass() != p.getClass()) {
            throw new IllegalStateException("two methods or selectors named '" + p.name() + "'");
        }
    }

    public List<SelectorProvider> selectors() {
        return List.copyOf(selectors.values());
    }

    /**
     * Builds {@code spec} = {@code method}, {@code selector} (on vanilla) or {@code method+selector}. Each parameter
     * goes to whichever of the two declares it; a name declared by neither is an error listing the known ones.
     */
    public MethodSetup setup(String spec, Map<String, String> params) {
        String[] parts = spec.split("\\+", -1);
        if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
            throw new IllegalArgumentException("bad method '" + spec + "': use METHOD, SELECTOR or METHOD+SELECTOR");
        }
        String methodName = parts.length == 2 ? parts[0] : providers.containsKey(parts[0]) ? parts[0] : "vanilla";
        String selectorName = parts.length == 2 ? parts[1] : providers.containsKey(parts[0]) ? null : parts[0];
        if (selectorName != null && !selectors.containsKey(selectorName)) {
            throw new IllegalArgumentException("unknown " + (parts.length == 2 ? "selector" : "method") + " '"
                    + selectorName + "' (methods: " + String.join(", ", providers.keySet()) + "; selectors: "
                    + String.join(", ", selectors.keySet()) + ")");
        }
        MethodProvider mp = get(methodName);
        SelectorProvider sp = selectorName == null ? null : selectors.get(selectorName);
        Map<String, String> forMethod = new LinkedHashMap<>();
        Map<String, String> forSelector = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            boolean inMethod = mp.parameters().stream().anyMatch(s -> s.name().equals(e.getKey()));
            boolean inSelector = sp != null && sp.parameters().stream().anyMatch(s -> s.name().equals(e.getKey()));
            if (inMethod) {
                forMethod.put(e.getKey(), e.getValue());
            } else if (inSelector) {
                forSelector.put(e.getKey(), e.getValue());
            } else {
                forMethod.put(e.getKey(), e.getValue()); // reported as unknown below, with the known names
            }
        }
        if (sp != null && !forMethod.isEmpty()) {
            java.util.Set<String> unknown = new java.util.LinkedHashSet<>(forMethod.keySet());
            mp.parameters().forEach(s -> unknown.remove(s.name()));
            if (!unknown.isEmpty()) {
                java.util.List<String> known = new java.util.ArrayList<>();
                mp.parameters().forEach(s -> known.add(s.name()));
                sp.parameters().forEach(s -> known.add(s.name()));
                throw new IllegalArgumentException(spec + ": unknown parameter(s) " + unknown + " (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        FineTuningMethod method = mp.create(MethodParams.of(methodName, mp.parameters(), forMethod));
        UpdateSelector selector = sp == null ? null
                : sp.create(MethodParams.of(selectorName, sp.parameters(), forSelector));
        return new MethodSetup(method, selector);
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
