package org.rosebench.core.util;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.rosebench.core.Djl;

/**
 * Where a result came from: code version and commit, library versions, host and time. Every result row and
 * checkpoint takes it from here, so all of one process's outputs name the same commit.
 */
public final class Provenance {

    private Provenance() {}

    public static ObjectNode collect() {
        ObjectNode p = new ObjectMapper().createObjectNode();
        String version = Provenance.class.getPackage().getImplementationVersion();
        p.put("rose_bench_version", version == null ? "dev" : version);
        p.put("git_commit", gitCommit());
        p.put("java", System.getProperty("java.version"));
        p.put("djl", Djl.versions());
        p.put("device", Djl.device().toString());
        // not in cell keys; recorded because CPU kernels may split work, and so round, by the number of cores
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        // not in cell keys either; recorded because libtorch draws dropout masks differently by CPU vendor
        // (MKL's generator on Intel, its own mt19937 elsewhere), so one seed trains different models on each
        p.put("cpu", CpuInfo.name());
        // native allocator settings (the launcher's scripts/lib/native-memory.sh, or null: glibc's defaults); they
        // change timings, never numbers
        String tunables = System.getenv("GLIBC_TUNABLES");
        p.put("glibc_tunables", tunables == null || tunables.isEmpty() ? null : tunables);
        // "bypassed" when the launcher preloaded its MKL vendor shim (AVX-512 GEMM kernels on an AMD CPU; null: MKL
        // chose by itself). Not in cell keys, like the CPU: it changes float summation order, not the computation
        p.put("mkl_vendor_check", MklVendorShim.vendorCheck());
        p.put("host", Host.NAME);
        p.put("created", Instant.now().toString());
        return p;
    }

    /** Initialised on first use (the JVM guarantees once): the commit the process started from. */
    private static final class Commit {
        static final String VALUE = readGitCommit();
    }

    /**
     * {@code git rev-parse HEAD} (with {@code -dirty} when the tree has changes), or {@code unknown}; read once per
     * process, so a long run keeps reporting the commit it started from even when HEAD moves meanwhile. The CLI
     * reads it at start-up.
     */
    public static String gitCommit() {
        return Commit.VALUE;
    }

    private static String readGitCommit() {
        String env = System.getenv("ROSE_BENCH_GIT_COMMIT");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String head = run("git", "rev-parse", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = run("git", "status", "--porcelain", "--untracked-files=no");
        return status != null && !status.isBlank() ? head + "-dirty" : head;
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** Looked up once: a name lookup can stall for seconds on nodes with broken DNS, and rows are written often. */
    private static final class Host {
        static final String NAME = host();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
