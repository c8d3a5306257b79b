package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.core.Djl;
import org.rosebench.core.model.ModelContent;
import org.rosebench.core.util.Cache;
import org.rosebench.core.util.NumberText;

/**
 * Everything that decides a standalone attack's per-example results: recipe and its version, parameters, seed, query
 * budget, the victim by content, the attack backends, device and engine. Stored beside a JSONL output as
 * {@code <out>.config.json}, so that resuming into a file written under another configuration is refused instead of
 * counting its results as this one's.
 */
final class AttackConfiguration {

    private AttackConfiguration() {}

    static ObjectNode of(Recipe recipe, Map<String, String> params, long seed, int queryBudget, String task,
            String split, Path checkpoint, int maxLength, Path vectors) throws IOException {
        ObjectNode c = Json.object();
        c.put("recipe", recipe.name()).put("recipe_version", recipe.version());
        Map<String, String> canonical = new TreeMap<>();
        params.forEach((k, v) -> canonical.put(k, NumberText.canonicalIfNumber(v)));
        c.set("params", Json.MAPPER.valueToTree(canonical));
        c.put("seed", seed).put("query_budget", queryBudget).put("task", task).put("split", split);
        c.put("checkpoint_sha256", ModelContent.sha256(checkpoint)).put("max_length", maxLength);
        ObjectNode versions = c.putObject("versions").put("attack", Attack.VERSION);
        Map<String, String> backends = new TreeMap<>();
        for (Class<?> b : recipe.backends()) {
            boolean ownVectors = vectors != null && (b == NeighbourIndex.class || b == WordEmbeddingSpace.class);
            backends.put(b.getSimpleName(), ownVectors ? "vectors " + Cache.key(vectors) : DefaultResources.version(b));
        }
        versions.set("backends", Json.MAPPER.valueToTree(backends));
        c.putObject("environment").put("device", Djl.deviceClass()).put("engine", Djl.engineVersion())
                .put("djl", Djl.djlVersion());
        return c;
    }

    static Path file(Path out) {
        return out.resolveSibling(out.getFileName() + ".config.json");
    }

    /**
     * Before resuming into {@code out}: results already there must come from this configuration. A new or empty
     * output gets this configuration recorded beside it.
     */
    static void checkOrRecord(Path out, ObjectNode config) throws IOException {
        Path f = file(out);
        boolean hasResults = Files.isRegularFile(out) && Files.size(out) > 0;
        if (hasResults) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException(out + " holds results of an unknown configuration (no " + f.getFileName()
                        + " beside it), so they cannot be resumed: use another --out or delete the file");
            }
            JsonNode recorded = Json.MAPPER.readTree(f.toFile());
            // compared as read back, so that number types (int or long) do not count as a difference
            JsonNode now = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(config));
            if (!recorded.equals(now)) {
                throw new IllegalArgumentException(out + " holds results of another attack configuration (differs in "
                        + differences(recorded, now) + "; see " + f.getFileName() + "): use another --out or delete it");
            }
            return;
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), config);
    }

    private static String differences(JsonNode a, JsonNode b) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        b.fieldNames().forEachRemaining(names::add);
        names.removeIf(n -> a.path(n).equals(b.path(n)));
        return String.join(", ", names);
    }
}
