package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rosebench.harness.matrix.CheckpointPruner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "prune", description = "Delete the checkpoints (last/, best/, resume/) of finished trainings whose "
        + "evaluations and attacks in the run's plan are all finished; result rows stay. Safe while workers run.")
final class PruneCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        List<CheckpointPruner.Prunable> found = dryRun ? CheckpointPruner.find(runDir) : CheckpointPruner.prune(runDir);
        long bytes = found.stream().mapToLong(CheckpointPruner.Prunable::bytes).sum();
        if (common.json) {
            ObjectNode o = Json.MAPPER.createObjectNode().put("dry_run", dryRun).put("bytes", bytes);
            ArrayNode cells = o.putArray("train_cells");
            for (CheckpointPruner.Prunable p : found) {
                ArrayNode dirs = cells.addObject().put("cell", p.trainCell()).put("bytes", p.bytes()).putArray("dirs");
                p.dirs().forEach(d -> dirs.add(d.toString()));
            }
            Json.print(o);
            return 0;
        }
        for (CheckpointPruner.Prunable p : found) {
            System.out.printf("%s %s (%.1f MiB): %s%n", dryRun ? "would delete" : "deleted", p.trainCell(),
                    p.bytes() / 1048576.0, p.dirs().stream().map(d -> d.getFileName().toString()).toList());
        }
        System.out.printf("%s %.1f MiB in %d trainings%n", dryRun ? "would free" : "freed", bytes / 1048576.0, found.size());
        return 0;
    }
}
