package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.model.MaskedLanguageModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mlm", description = "Fill the [MASK] tokens of a text with a masked language model.")
final class MlmCommand implements Runnable {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--model", defaultValue = "bert-base-uncased", description = "catalog name or HF directory (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--top-k", defaultValue = "5", description = "predictions per mask (default ${DEFAULT-VALUE})")
    int topK;

    @Parameters(arity = "1", paramLabel = "TEXT", description = "text with one or more [MASK] tokens")
    String text;

    @Override
    public void run() {
        try (MaskedLanguageModel mlm = MaskedLanguageModel.load(ModelCatalog.resolve(model), 512)) {
            List<List<MaskedLanguageModel.Prediction>> preds = mlm.fillMask(text, topK);
            ObjectNode out = Json.object();
            out.put("model", model).put("text", text);
            ArrayNode masks = out.putArray("masks");
            for (List<MaskedLanguageModel.Prediction> list : preds) {
                ArrayNode a = masks.addArray();
                for (MaskedLanguageModel.Prediction p : list) {
                    a.addObject().put("token", p.token()).put("id", p.id()).put("probability", p.probability());
                }
            }
            if (common.json) {
                Json.print(out);
                return;
            }
            for (int i = 0; i < preds.size(); i++) {
                System.out.println("mask " + (i + 1) + ":");
                for (MaskedLanguageModel.Prediction p : preds.get(i)) {
                    System.out.printf("  %-15s %.4f%n", p.token(), p.probability());
                }
            }
        }
    }
}
