package org.rosebench.harness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class CommonOptions {

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    /** {@code --data}, else {@code $ROSE_DATA_DIR}, else {@code <repo>/../shared/data} (the launcher passes the repo). */
    static Path dataDir(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("ROSE_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String repo = System.getProperty("rose.repo.dir");
        return repo != null ? Path.of(repo).resolve("../shared/data").normalize() : Path.of("../shared/data");
    }
}
