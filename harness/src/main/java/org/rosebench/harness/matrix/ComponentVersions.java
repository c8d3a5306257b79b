package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.backend.DefaultResources;
import org.rosebench.core.landscape.LandscapeAnalysis;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.MethodSetup;
import org.rosebench.core.method.SelectorProvider;
import org.rosebench.core.train.Evaluator;
import org.rosebench.core.train.Trainer;

/**
 * The declared versions of the code behind each kind of result (docs/result-store.md, "Versions"): the trainer,
 * evaluator and attack machinery, each method, selector and recipe, and the attack backends. Keys carry only the
 * versions of the components a cell uses, so bumping one re-runs exactly its cells.
 */
final class ComponentVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> methods = new HashMap<>();
    private final Map<String, String> selectors = new HashMap<>();
    private final Map<String, String> recipes = new HashMap<>();

    private ComponentVersions() {}

    /** The versions of the code on the classpath. */
    static ComponentVersions installed() {
        ComponentVersions v = new ComponentVersions();
        MethodRegistry registry = MethodRegistry.load();
        for (MethodProvider p : registry.providers()) {
            v.methods.put(p.name(), p.version());
        }
        for (SelectorProvider p : registry.selectors()) {
            v.selectors.put(p.name(), p.version());
        }
        for (Recipe r : Recipes.all().values()) {
            v.recipes.put(r.name(), r.version());
        }
        return v;
    }

    /** The same versions with one recipe's replaced (what a bump looks like, for tests). */
    ComponentVersions withRecipe(String name, String version) {
        ComponentVersions v = copy();
        v.recipes.put(name, version);
        return v;
    }

    /** The same versions with one method's replaced (for tests). */
    ComponentVersions withMethod(String name, String version) {
        ComponentVersions v = copy();
        v.methods.put(name, version);
        return v;
    }

    /** The trainer and the method and selector of one setup. */
    ObjectNode training(MethodSetup setup) {
        ObjectNode n = JSON.createObjectNode().put("trainer", Trainer.VERSION);
        n.put("method", setup.method().name() + "/" + methods.get(setup.method().name()));
        if (setup.selector() != null) {
            n.put("selector", setup.selector().name() + "/" + selectors.get(setup.selector().name()));
        }
        return n;
    }

    ObjectNode evaluation() {
        return JSON.createObjectNode().put("evaluator", Evaluator.VERSION);
    }

    /** The landscape analysis (directions, grid, radii, ascent and its loss). */
    ObjectNode landscape() {
        return JSON.createObjectNode().put("landscape", LandscapeAnalysis.VERSION);
    }

    /** The shared attack machinery, the recipe and each backend it draws on. */
    ObjectNode attack(String recipe) {
        return attack(recipe, null);
    }

    /**
     * As {@link #attack(String)}, with a user's vector file standing in for the word-embedding backends: they are
     * then identified by the file's content hash ({@code vectorsSha256}) instead of the built-in space's.
     */
    ObjectNode attack(String recipe, String vectorsSha256) {
        ObjectNode n = JSON.createObjectNode().put("attack", Attack.VERSION).put("recipe", recipe + "/" + recipes.get(recipe));
        Map<String, String> backends = new TreeMap<>();
        Recipes.get(recipe).backends().forEach(b -> backends.put(b.getSimpleName(), vectorsSha256 != null
                && (b == NeighbourIndex.class || b == WordEmbeddingSpace.class)
                ? DefaultResources.vectorFileVersion(vectorsSha256) : DefaultResources.version(b)));
        n.set("backends", JSON.valueToTree(backends));
        return n;
    }

    private ComponentVersions copy() {
        ComponentVersions v = new ComponentVersions();
        v.methods.putAll(methods);
        v.selectors.putAll(selectors);
        v.recipes.putAll(recipes);
        return v;
    }
}
