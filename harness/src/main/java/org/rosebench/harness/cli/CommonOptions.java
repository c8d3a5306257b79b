package org.rosebench.harness.cli;

import java.nio.file.Path;
import org.rosebench.core.data.DataPath;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class CommonOptions {

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    /** {@code --data DIR} first (when given), then the standard data roots ({@link DataPath#standard}). */
    static DataPath dataDir(Path option) {
        return DataPath.standard(option, "--data");
    }
}
