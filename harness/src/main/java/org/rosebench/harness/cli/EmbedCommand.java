package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.model.SentenceEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "embed", description = "Mean-pooled, L2-normalised sentence embeddings (and their pairwise cosines).")
final class EmbedCommand implements Runnable {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--model", defaultValue = "minilm-l6", description = "catalog name or HF directory (default ${DEFAULT-VALUE})")
    String model;

    @Parameters(arity = "1..*", paramLabel = "TEXT")
    List<String> texts;

    @Override
    public void run() {
        try (SentenceEncoder enc = SentenceEncoder.load(ModelCatalog.resolve(model), 512)) {
            float[][] e = enc.embed(texts, 32);
            if (common.json) {
                ObjectNode out = Json.object();
                out.put("model", model).put("dimension", e[0].length);
                out.set("texts", Json.MAPPER.valueToTree(texts));
                out.set("embeddings", Json.MAPPER.valueToTree(e));
                ArrayNode cos = out.putArray("cosine");
                for (float[] a : e) {
                    ArrayNode row = cos.addArray();
                    for (float[] b : e) {
                        row.add(SentenceEncoder.cosine(a, b));
                    }
                }
                Json.print(out);
                return;
            }
            System.out.println("dimension " + e[0].length);
            for (int i = 0; i < texts.size(); i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < Math.min(6, e[i].length); k++) {
                    sb.append(String.format("%+.4f ", e[i][k]));
                }
                System.out.printf("[%d] %s… %s%n", i, sb, texts.get(i));
            }
            for (int i = 0; i < texts.size(); i++) {
                for (int j = i + 1; j < texts.size(); j++) {
                    System.out.printf("cos([%d], [%d]) = %.4f%n", i, j, SentenceEncoder.cosine(e[i], e[j]));
                }
            }
        }
    }
}
