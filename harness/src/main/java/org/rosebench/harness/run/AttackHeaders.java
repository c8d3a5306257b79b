package org.rosebench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.attacks.io.AttackFileHeader;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.core.Djl;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.ModelContent;
import org.rosebench.core.util.NumberText;
import org.rosebench.core.util.Provenance;

/**
 * Builds the self-describing header of an attack result file, for the CLI and the matrix alike: everything that
 * decides the per-example results (recipe and its version, the composed attack with its thresholds, options,
 * parameters, victim by content, backends, device and engine) and, apart, who wrote the file.
 */
public final class AttackHeaders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttackHeaders() {}

    /**
     * @param checkpoint the victim's checkpoint directory (identified by content: its path does not matter)
     * @param shownAs    how provenance names it: relative to the run directory for matrix cells, as typed on the
     *                   command line otherwise
     * @param maxLength  the victim's truncation length
     * @param vectors    a user's counter-fitted vector file, or null for the built-in space
     */
    public static AttackFileHeader of(Recipe recipe, Attack attack, RecipeParams params, Task task, String split,
            Path checkpoint, String shownAs, int maxLength, Path vectors) {
        ObjectNode c = JSON.createObjectNode();
        c.put("recipe", recipe.name()).put("recipe_version", recipe.version());
        c.put("description", attack.describe());
        c.set("options", JSON.valueToTree(params.options()));
        Map<String, String> canonical = new TreeMap<>();
        params.overrides().forEach((k, v) -> canonical.put(k, NumberText.canonicalIfNumber(v)));
        c.set("parameters", JSON.valueToTree(canonical));
        c.put("task", task.cliName()).put("split", split);
        c.putObject("victim").put("checkpoint_sha256", ModelContent.sha256(checkpoint)).put("max_length", maxLength);
        ObjectNode versions = c.putObject("versions").put("attack", Attack.VERSION);
        Map<String, String> backends = new TreeMap<>();
        for (Class<?> b : recipe.backends()) {
            boolean ownVectors = vectors != null && (b == NeighbourIndex.class || b == WordEmbeddingSpace.class);
            backends.put(b.getSimpleName(), ownVectors ? DefaultResources.vectorFileVersion(sha256(vectors))
                    : DefaultResources.version(b));
        }
        versions.set("backends", JSON.valueToTree(backends));
        c.putObject("environment").put("device", Djl.deviceClass()).put("engine", Djl.engineVersion())
                .put("djl", Djl.djlVersion());
        ObjectNode p = Provenance.collect();
        p.put("checkpoint", shownAs);
        return new AttackFileHeader(c, p);
    }

    private static String sha256(Path file) {
        try {
            return org.rosebench.core.data.DataFiles.contentSha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
