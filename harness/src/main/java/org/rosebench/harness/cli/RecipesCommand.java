package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.Recipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "recipes", description = "List the attack recipes with their components, constants and deviations.")
final class RecipesCommand implements Runnable {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public void run() {
        Map<String, Recipe> all = Recipes.all();
        if (common.json) {
            ObjectNode o = Json.object();
            ArrayNode list = o.putArray("recipes");
            all.values().forEach(r -> list.addObject().put("name", r.name()).put("description", r.describe()));
            Json.print(o);
            return;
        }
        for (Recipe r : all.values()) {
            System.out.println(r.describe().stripTrailing());
            System.out.println();
        }
    }
}
