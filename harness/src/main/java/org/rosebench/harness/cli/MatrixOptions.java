package org.rosebench.harness.cli;

import java.nio.file.Path;
import java.util.List;
import org.rosebench.harness.matrix.Cell;
import org.rosebench.harness.matrix.MatrixConfig;
import org.rosebench.harness.matrix.MatrixConfigLoader;
import org.rosebench.harness.matrix.MatrixPlan;
import picocli.CommandLine.Option;

/** Options of the commands that take a matrix config: {@code run}, {@code status}, {@code demo}. */
final class MatrixOptions {

    @Option(names = "--data", description = "a data root searched first, in place of the config's data_dir")
    Path data;

    @Option(names = "--out", description = "run directory, overrides the config's out_dir")
    Path out;

    @Option(names = "--cells", paramLabel = "I/N", description = "only shard I of N (1-based): train runs dealt "
            + "round-robin, each with its evaluations and attacks; shards merge by copying cells/ folders together")
    String cells;

    MatrixConfig load(Path config, boolean plan) {
        return plan ? MatrixConfigLoader.loadForPlan(config, data, out) : MatrixConfigLoader.load(config, data, out);
    }

    List<Cell> select(MatrixPlan plan) {
        if (cells == null) {
            return plan.cells();
        }
        String[] p = cells.split("/");
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            return plan.shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new RoseBench()),
                    "--cells takes I/N, e.g. 2/8, got '" + cells + "'");
        }
    }
}
