package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", description = "Classify one text (or a text pair) with a fine-tuned checkpoint.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--checkpoint", required = true)
    Path checkpoint;

    @Option(names = "--max-length", description = "default: the max_length the checkpoint was trained with "
            + "(its rose_bench.json), else " + CheckpointMaxLength.FALLBACK)
    Integer maxLength;

    @Parameters(index = "0", paramLabel = "TEXT")
    String textA;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT_B")
    String textB;

    @Override
    public Integer call() throws Exception {
        try (SequenceClassifier model = SequenceClassifier.load(checkpoint,
                CheckpointMaxLength.resolve(checkpoint, maxLength))) {
            float[] p = model.probabilities(List.of(textA), textB == null ? null : List.of(textB), 1)[0];
            int best = Evaluator.argmax(p);
            ObjectNode out = Json.object();
            out.put("label", model.labels().get(best)).put("label_id", best);
            ObjectNode probs = out.putObject("probabilities");
            for (int i = 0; i < p.length; i++) {
                probs.put(model.labels().get(i), p[i]);
            }
            if (common.json) {
                Json.print(out);
            } else {
                System.out.printf("%s (%.4f)%n", model.labels().get(best), p[best]);
                for (int i = 0; i < p.length; i++) {
                    System.out.printf("  %-16s %.4f%n", model.labels().get(i), p[i]);
                }
            }
        }
        return 0;
    }
}
