package org.rosebench.attacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.rosebench.attacks.recipe.BaeRecipe;
import org.rosebench.attacks.recipe.BertAttackRecipe;
import org.rosebench.attacks.recipe.GreedyWordSwapRecipe;
import org.rosebench.attacks.recipe.PwwsRecipe;
import org.rosebench.attacks.recipe.TextFoolerRecipe;

/** The recipe registry: the built-in recipes plus any found by {@link ServiceLoader}. */
public final class Recipes {

    private Recipes() {
    }

    /** All recipes by name, built-ins first in a fixed order. */
    public static Map<String, Recipe> all() {
        Map<String, Recipe> recipes = new LinkedHashMap<>();
        for (Recipe r : List.of(new TextFoolerRecipe(), new BertAttackRecipe(), new PwwsRecipe(), new BaeRecipe(),
                new GreedyWordSwapRecipe())) {
            recipes.put(r.name(), r);
        }
        for (Recipe r : ServiceLoader.load(Recipe.class)) {
            recipes.putIfAbsent(r.name(), r);
        }
        return Collections.unmodifiableMap(recipes);
    }

    public static List<String> names() {
        return new ArrayList<>(all().keySet());
    }

    public static Recipe get(String name) {
        Recipe r = all().get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown attack recipe " + name + " (available: " + names() + ")");
        }
        return r;
    }
}
