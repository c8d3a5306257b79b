package org.rosebench.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.TreeMap;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.io.AttackFileHeader;
import org.rosebench.core.data.Task;
import org.rosebench.core.util.ContentHash;
import org.rosebench.core.util.Provenance;

/** Builds the self-describing header of an attack result file, for the CLI and the matrix alike. */
public final class AttackHeaders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttackHeaders() {}

    /**
     * @param checkpoint the victim's checkpoint directory (hashed by content: its path does not matter)
     * @param maxLength  the victim's truncation length
     * @param resources  {@code DefaultResources.identity()}
     */
    public static AttackFileHeader of(String recipe, Attack attack, RecipeParams params, Task task, String split,
            Path checkpoint, int maxLength, java.util.Map<String, String> resources) {
        ObjectNode c = JSON.createObjectNode();
        c.put("recipe", recipe);
        c.put("description", attack.describe());
        c.set("options", JSON.valueToTree(params.options()));
        c.set("parameters", JSON.valueToTree(new TreeMap<>(params.overrides())));
        c.put("task", task.cliName());
        c.put("split", split);
        ObjectNode victim = c.putObject("victim");
        victim.put("checkpoint_sha256", ContentHash.ofDirectory(checkpoint));
        victim.put("max_length", maxLength);
        c.set("resources", JSON.valueToTree(resources));
        ObjectNode p = Provenance.collect();
        p.put("checkpoint", checkpoint.toAbsolutePath().normalize().toString());
        return new AttackFileHeader(c, p);
    }
}
