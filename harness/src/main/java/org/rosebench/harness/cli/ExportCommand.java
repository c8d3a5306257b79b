package org.rosebench.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rosebench.harness.matrix.RunExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Copy a run directory without model weights (config, plans, every finished "
        + "cell's files; no checkpoints, training state or claims), e.g. to commit results; `table` reads the copy as "
        + "it reads the run. Safe to repeat and while workers run: cells appear whole, copied files are never "
        + "rewritten. Exit 1 when a copied file differs from the run's (a conflict, left as it is).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the copy (created when missing)")
    Path out;

    @Option(names = "--dry-run", description = "list what would be copied, copy nothing")
    boolean dryRun;

    @Option(names = "--whole-models", description = "copy a model's cells only once every cell of the current plan "
            + "that needs it is finished (its training, evaluations, attacks and landscapes), so a run continued "
            + "from the copy never trains a model again to finish its other cells")
    boolean wholeModels;

    @Override
    public Integer call() throws Exception {
        RunExporter.Report r = RunExporter.export(runDir, out, new RunExporter.Options(dryRun, wholeModels));
        if (common.json) {
            ObjectNode o = Json.MAPPER.createObjectNode().put("dry_run", dryRun).put("bytes", r.bytes())
                    .put("unchanged_cells", r.unchanged());
            r.exported().forEach(o.putArray("exported_cells")::add);
            r.unfinished().forEach(o.putArray("unfinished_cells")::add);
            r.runFiles().forEach(o.putArray("run_files")::add);
            r.conflicts().forEach(o.putArray("conflicts")::add);
            if (wholeModels) {
                r.heldBack().forEach(o.putArray("held_back_cells")::add);
                r.incompleteModels().forEach(o.putArray("incomplete_models")::add);
            }
            Json.print(o);
        } else {
            String verb = dryRun ? "would copy" : "copied";
            for (String id : r.exported()) {
                System.out.println(verb + " " + id);
            }
            for (String f : r.runFiles()) {
                System.out.println(verb + " " + f);
            }
            for (String m : r.incompleteModels()) {
                System.out.println("held back " + m);
            }
            System.out.printf("%s %d cells (%.1f MiB) to %s; %d already there, %d not finished%s%n", verb,
                    r.exported().size(), r.bytes() / 1048576.0, out, r.unchanged(), r.unfinished().size(),
                    wholeModels ? ", " + r.heldBack().size() + " finished but held back with their model's "
                            + "unfinished cells" : "");
        }
        for (String c : r.conflicts()) {
            System.err.println("rose-bench: conflict: " + c);
        }
        return r.conflicts().isEmpty() ? 0 : 1;
    }
}
