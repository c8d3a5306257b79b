package org.rosebench.harness.matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code rose-bench} CLI in its own JVM, as a worker on a cluster node would be: libtorch's autograd state is
 * per process, so concurrent trainings need separate processes. Uses the test classpath and the test's data
 * properties, one engine thread (two libtorch processes on two cores slow each other down badly otherwise).
 */
final class WorkerProcess {

    private WorkerProcess() {}

    static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Dai.djl.pytorch.num_threads=1");
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        for (String p : List.of("ai.djl.offline", "OPT_OUT_TRACKING", "rose.repo.dir", "rose.data.dir", "rose.data.user",
                "rose.golden.dir")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.rosebench.harness.cli.RoseBench");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().remove("PYTORCH_VERSION");
        pb.environment().remove("PYTORCH_FLAVOR");
        pb.environment().putAll(env);
        return pb.start();
    }
}
