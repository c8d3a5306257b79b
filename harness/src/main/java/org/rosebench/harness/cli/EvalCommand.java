package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.Task;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.train.CheckpointWriter;
import org.rosebench.core.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", description = "Accuracy of a fine-tuned checkpoint on GLUE dev or AdvGLUE dev.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--checkpoint", required = true)
    Path checkpoint;

    @Option(names = "--task", required = true)
    String task;

    @Option(names = "--split", defaultValue = "dev", description = "dev, advglue (mnli also: dev_matched, dev_mismatched, advglue-mm)")
    String split;

    @Option(names = "--data")
    Path data;

    @Option(names = "--batch-size", defaultValue = "64")
    int batchSize;

    @Option(names = "--max-length", description = "default: the max_length the checkpoint was trained with "
            + "(its rose_bench.json), else " + CheckpointMaxLength.FALLBACK)
    Integer maxLength;

    @Override
    public Integer call() throws Exception {
        Task t = Task.byName(task);
        List<Example> examples = EvalSets.load(CommonOptions.dataDir(data), t, split);
        try (SequenceClassifier model = SequenceClassifier.load(checkpoint,
                CheckpointMaxLength.resolve(checkpoint, maxLength))) {
            if (!model.labels().equals(t.labelNames())) {
                throw new IllegalArgumentException(checkpoint + ": labels " + model.labels() + " do not match task "
                        + t.cliName() + " " + t.labelNames());
            }
            Evaluator.Result r = Evaluator.evaluate(model, examples, batchSize, "eval " + t.cliName() + " " + split);
            ObjectNode out = Json.object();
            out.put("checkpoint", checkpoint.toString()).put("task", t.cliName()).put("split", split)
                    .put("examples", r.total()).put("correct", r.correct()).put("accuracy", r.accuracy())
                    .put("seconds", r.seconds()).put("examples_per_second", r.examplesPerSecond());
            out.set("checkpoint_metadata", CheckpointWriter.readMetadata(checkpoint));
            if (common.json) {
                Json.print(out);
            } else {
                System.out.printf("%s %s: accuracy %.4f (%d/%d) in %.1f s (%.1f ex/s)%n", t.cliName(), split,
                        r.accuracy(), r.correct(), r.total(), r.seconds(), r.examplesPerSecond());
            }
        }
        return 0;
    }
}
