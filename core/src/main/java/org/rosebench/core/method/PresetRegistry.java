package org.rosebench.core.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presets are data: every {@code META-INF/rose-bench/presets.json} on the classpath contributes
 * ({@code {"presets": [{name, description, task, model, method, params{}, train{}}]}}).
 */
public final class PresetRegistry {

    public static final String RESOURCE = "META-INF/rose-bench/presets.json";

    private final Map<String, Preset> presets = new LinkedHashMap<>();

    public static PresetRegistry load() {
        PresetRegistry r = new PresetRegistry();
        try {
            Enumeration<URL> urls = PresetRegistry.class.getClassLoader().getResources(RESOURCE);
            for (URL url : Collections.list(urls)) {
                try (InputStream in = url.openStream()) {
                    r.read(new ObjectMapper().readTree(in), url.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read presets: " + e.getMessage(), e);
        }
        return r;
    }

    void read(JsonNode root, String source) {
        for (JsonNode p : root.path("presets")) {
            String name = p.path("name").asText(null);
            if (name == null || p.path("method").isMissingNode()) {
                throw new IllegalArgumentException(source + ": preset without name or method: " + p);
            }
            Map<String, String> params = new LinkedHashMap<>();
            p.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Map<String, Double> train = new LinkedHashMap<>();
            p.path("train").fields().forEachRemaining(e -> train.put(e.getKey(), e.getValue().asDouble()));
            Preset preset = new Preset(name, p.path("description").asText(""), p.path("task").asText(null),
                    p.path("model").asText(null), p.path("method").asText(), params, train);
            if (presets.putIfAbsent(name, preset) != null) {
                throw new IllegalArgumentException(source + ": duplicate preset " + name);
            }
        }
    }

    public List<Preset> presets() {
        return List.copyOf(presets.values());
    }

    public Preset get(String name) {
        Preset p = presets.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (see `rose-bench methods --presets`)");
        }
        return p;
    }
}
