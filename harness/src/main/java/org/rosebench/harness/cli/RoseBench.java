package org.rosebench.harness.cli;

import java.io.PrintWriter;
import org.rosebench.core.BadInput;
import org.rosebench.core.Djl;
import org.rosebench.core.util.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rose-bench} launcher. */
@Command(name = "rose-bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Robustness benchmark for fine-tuned language models (ROSE, EMNLP 2022) on DJL.",
        subcommands = {DemoCommand.class, RunCommand.class, StatusCommand.class, TableCommand.class, RegressCommand.class, CalibrateEncoderCommand.class, SynonymAuditCommand.class, AttackBenchCommand.class, BenchCommand.class, AttackCommand.class, CandidatesCommand.class, RecipesCommand.class, ModelsCommand.class, MethodsCommand.class, MlmCommand.class, EmbedCommand.class,
                TrainCommand.class, EvalCommand.class, LandscapeCommand.class, PredictCommand.class, DataCommand.class, PruneCommand.class,
                ExportCommand.class})
public final class RoseBench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code of usage errors and of input that cannot be used. */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI and returns the exit code: 0 ok; 1 a runtime failure (or failed cells); 2 a usage error or bad
     * input ({@link BadInput}: a config, data file, checkpoint, tokenizer or run directory that cannot be used).
     */
    public static int run(String... args) {
        Djl.init();
        Provenance.gitCommit(); // captured once at start-up: HEAD may move while a long run goes on
        CommandLine cli = new CommandLine(new RoseBench());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean verbose = parsed.hasMatchedOption("--verbose")
                    || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            PrintWriter err = cmd.getErr();
            Throwable badInput = BadInput.find(ex);
            if (verbose) {
                ex.printStackTrace(err);
            } else {
                // bad input names its own file and reason; wrappers around it would only repeat them
                err.println("rose-bench: error: " + oneLine(badInput != null ? badInput : ex));
            }
            err.flush();
            return badInput != null ? EXIT_BAD_INPUT : 1;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable ex) {
        Throwable t = ex;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            msg = t.getMessage();
        }
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ') + (ex instanceof RuntimeException || ex instanceof java.io.IOException
                || ex instanceof BadInput ? "" : " (" + ex.getClass().getSimpleName() + ")");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
