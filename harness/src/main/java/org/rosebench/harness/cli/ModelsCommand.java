package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import org.rosebench.core.catalog.CatalogModel;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.util.Cache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "models", description = "List the pretrained models of the catalog (any HF directory works by path too).")
final class ModelsCommand implements Runnable {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public void run() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (CatalogModel m : ModelCatalog.models()) {
            boolean cached = Files.isRegularFile(Cache.root().resolve("models").resolve(m.name()).resolve(".complete"));
            ObjectNode n = list.addObject();
            n.put("name", m.name()).put("description", m.description()).put("artifact", m.source().coordinates())
                    .put("converted", cached);
        }
        if (common.json) {
            ObjectNode o = Json.object();
            o.set("models", list);
            Json.print(o);
            return;
        }
        for (var n : list) {
            System.out.printf("%-18s %s%n%-18s artifact %s%s%n", n.get("name").asText(), n.get("description").asText(),
                    "", n.get("artifact").asText(), n.get("converted").asBoolean() ? " (converted, cached)" : "");
        }
    }
}
