package org.rosebench.harness.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs one command the way {@code RoseBench.run} does (runtime errors: exit 1 with one "rose-bench: error:" line,
 * usage errors: exit 2), capturing stdout and stderr.
 */
final class CliRunner {

    record Run(int code, String out, String err) {}

    private CliRunner() {}

    static Run run(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(command);
            cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                cmd.getErr().println("rose-bench: error: " + ex.getMessage());
                cmd.getErr().flush();
                return 1;
            });
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
