package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rosebench.core.method.MethodProvider;
import org.rosebench.core.method.MethodRegistry;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.SelectorProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "methods", description = "List the registered fine-tuning methods and their parameters.")
final class MethodsCommand implements Runnable {

    @Mixin
    CommonOptions common = new CommonOptions();

    @picocli.CommandLine.Option(names = "--presets", description = "list the named presets instead")
    boolean presets;

    @Override
    public void run() {
        if (presets) {
            listPresets();
            return;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (MethodProvider p : MethodRegistry.load().providers()) {
            ObjectNode n = list.addObject();
            n.put("name", p.name()).put("description", p.description());
            ArrayNode params = n.putArray("parameters");
            for (ParamSpec s : p.parameters()) {
                ObjectNode ps = params.addObject();
                ps.put("name", s.name()).put("type", s.type().name().toLowerCase()).put("default", s.defaultValue())
                        .put("description", s.description());
                if (!s.choices().isEmpty()) {
                    ps.set("choices", Json.MAPPER.valueToTree(s.choices()));
                }
            }
        }
        ArrayNode selectors = Json.MAPPER.createArrayNode();
        for (SelectorProvider p : MethodRegistry.load().selectors()) {
            ObjectNode n = selectors.addObject();
            n.put("name", p.name()).put("description", p.description());
            ArrayNode params = n.putArray("parameters");
            for (ParamSpec s : p.parameters()) {
                params.addObject().put("name", s.name()).put("type", s.type().name().toLowerCase())
                        .put("default", s.defaultValue()).put("description", s.description());
            }
        }
        if (common.json) {
            ObjectNode o = Json.object();
            o.set("methods", list);
            o.set("selectors", selectors);
            Json.print(o);
            return;
        }
        System.out.println("Methods (objectives):");
        print(list);
        System.out.println();
        System.out.println("Selectors (compose with any method as METHOD+SELECTOR; alone they apply to vanilla):");
        print(selectors);
    }

    private static void print(ArrayNode list) {
        for (var n : list) {
            System.out.printf("%-16s %s%n", n.get("name").asText(), n.get("description").asText());
            for (var s : n.get("parameters")) {
                System.out.printf("    %-20s %-8s default %-10s %s%n", s.get("name").asText(), s.get("type").asText(),
                        s.get("default").asText(), s.get("description").asText());
            }
        }
    }

    private void listPresets() {
        var all = org.rosebench.core.method.PresetRegistry.load().presets();
        if (common.json) {
            ObjectNode o = Json.object();
            o.set("presets", Json.MAPPER.valueToTree(all));
            Json.print(o);
            return;
        }
        for (var p : all) {
            System.out.printf("%-28s %-14s %s %s%n", p.name(), p.method(), p.params(), p.train());
        }
    }
}
