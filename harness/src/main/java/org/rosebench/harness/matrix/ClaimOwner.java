package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a cell claim: host, process id and start time (a recycled pid is not the same owner), and the Slurm
 * job and array task when there is one, so {@code status} and the claim log say which job ran what.
 *
 * @param token unique per claim (a worker's claims share its process but not their tokens)
 */
public record ClaimOwner(String token, String host, long pid, String processStart, String slurmJob) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** This process, with a fresh token. */
    public static ClaimOwner current(String token) {
        ProcessHandle self = ProcessHandle.current();
        return new ClaimOwner(token, hostName(), self.pid(), startOf(self).orElse(""), slurmJob(System.getenv()));
    }

    /** {@code JOB_TASK} for an array task, {@code JOB} for a plain job, empty outside Slurm. */
    static String slurmJob(Map<String, String> env) {
        String array = env.get("SLURM_ARRAY_JOB_ID");
        String task = env.get("SLURM_ARRAY_TASK_ID");
        if (array != null && task != null) {
            return array + "_" + task;
        }
        return env.getOrDefault("SLURM_JOB_ID", "");
    }

    /** {@code host:pid}, plus the Slurm job when there is one. */
    public String describe() {
        return host + ":" + pid + (slurmJob.isEmpty() ? "" : " (slurm " + slurmJob + ")");
    }

    /**
     * Whether the owner is certainly gone: only decidable on its own host, where the pid either no longer exists
     * or belongs to a process started at another time. On other hosts only the heartbeat tells.
     */
    public boolean certainlyGone() {
        if (!host.equals(hostName())) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        String start = startOf(p.get()).orElse("");
        return !processStart.isEmpty() && !start.isEmpty() && !start.equals(processStart);
    }

    ObjectNode json() {
        ObjectNode o = JSON.createObjectNode();
        o.put("token", token).put("host", host).put("pid", pid).put("process_start", processStart)
                .put("slurm_job", slurmJob).put("claimed_at", Instant.now().toString());
        return o;
    }

    static ClaimOwner parse(JsonNode o) {
        return new ClaimOwner(o.path("token").asText(""), o.path("host").asText(""), o.path("pid").asLong(-1),
                o.path("process_start").asText(""), o.path("slurm_job").asText(""));
    }

    private static Optional<String> startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toString);
    }

    static String hostName() {
        try {
            // the kernel's name: no DNS lookup, and the same for every process of the host
            String h = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
