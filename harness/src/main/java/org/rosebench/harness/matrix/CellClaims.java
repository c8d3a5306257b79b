package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rosebench.core.util.Progress;

/**
 * Claims on the cells of one run directory, so that any number of workers (processes, hosts, Slurm array tasks)
 * can share it and each cell runs in exactly one of them.
 * <ul>
 * <li><b>Claim</b>: {@code cells/ID/claim.json}, created with a hard link from a complete temporary file. Linking
 * fails when the name exists, atomically also on NFS, so of two claimers exactly one wins and a claim is never
 * seen half-written.</li>
 * <li><b>Heartbeat</b>: the holder touches the claim's modification time every {@code lease/10}. A claim is
 * <em>stale</em> when its heartbeat is older than the lease, or at once when its owner ran on this host and that
 * process is gone (pid absent or started at another time).</li>
 * <li><b>Takeover</b> of a stale claim: the taker first creates {@code claim.taken-TOKEN} (only one taker can),
 * checks that the claim still carries that token, removes it and claims as usual. A holder whose heartbeat finds
 * another token has lost its claim and must not write the cell's result ({@link Held#lost()}).</li>
 * <li><b>Log</b>: every claim, takeover and release is appended as one JSON line to {@code claims.log}, which is
 * how one checks afterwards that each cell was finished exactly once.</li>
 * </ul>
 */
public final class CellClaims implements AutoCloseable {

    public static final String CLAIM = "claim.json";
    /** Beside a claim: the holder's latest progress line, written with each heartbeat, removed with the claim. */
    public static final String PROGRESS = "progress.json";
    public static final String LOG = "claims.log";
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;
    private final Duration lease;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private ScheduledExecutorService heartbeat; // started with the first claim: inspecting needs none

    /** What is known about a claim found on disk. */
    public record Info(ClaimOwner owner, Instant heartbeat, boolean stale, String staleBecause) {
        public Duration age() {
            return Duration.between(heartbeat, Instant.now());
        }
    }

    /** A claim this process holds. */
    public static final class Held {
        private final Cell cell;
        private final Path file;
        private final ClaimOwner owner;
        private final Instant since = Instant.now();
        private volatile boolean lost;
        private volatile Instant published; // the progress snapshot last written

        private Held(Cell cell, Path file, ClaimOwner owner) {
            this.cell = cell;
            this.file = file;
            this.owner = owner;
        }

        public Cell cell() {
            return cell;
        }

        public ClaimOwner owner() {
            return owner;
        }

        /** True once a heartbeat found that another worker took the claim over. */
        public boolean lost() {
            return lost;
        }
    }

    public CellClaims(Path runDir, Duration lease) {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("claim lease must be at least 1 s, got " + lease);
        }
        this.runDir = runDir;
        this.lease = lease;
    }

    private synchronized void startHeartbeat() {
        if (heartbeat == null) {
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rose-bench-claim-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(200, lease.toMillis() / 10);
            heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public Duration lease() {
        return lease;
    }

    Path claimFile(Cell cell) {
        return MatrixPlan.cellDir(runDir, cell).resolve(CLAIM);
    }

    /** The claim on a cell, or empty when none (or it vanished while being read). */
    public Optional<Info> inspect(Cell cell) {
        Path f = claimFile(cell);
        try {
            FileTime mtime = Files.getLastModifiedTime(f);
            ClaimOwner owner = ClaimOwner.parse(JSON.readTree(Files.readString(f, StandardCharsets.UTF_8)));
            Instant beat = mtime.toInstant();
            String because = null;
            if (Duration.between(beat, Instant.now()).compareTo(lease) > 0) {
                because = "no heartbeat for " + MatrixRunner.clock(Duration.between(beat, Instant.now()).toSeconds())
                        + " (lease " + MatrixRunner.clock(lease.toSeconds()) + ")";
            } else if (owner.certainlyGone()) {
                because = "process " + owner.pid() + " on " + owner.host() + " is gone";
            }
            return Optional.of(new Info(owner, beat, because != null, because));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // a claim file that cannot be parsed was never written by a claimer (they link complete files)
            return Optional.of(new Info(new ClaimOwner("", "?", -1, "", ""), Instant.EPOCH, true,
                    "unreadable claim file (" + e.getMessage() + ")"));
        }
    }

    /**
     * Claims a cell: empty when another live worker holds it (or won a race for it). A stale claim is taken over
     * and the takeover logged.
     */
    public Optional<Held> tryClaim(Cell cell) throws IOException {
        startHeartbeat();
        Path file = claimFile(cell);
        Files.createDirectories(file.getParent());
        String token = UUID.randomUUID().toString();
        ClaimOwner me = ClaimOwner.current(token);
        Path tmp = file.resolveSibling(".claim-" + token + ".tmp");
        Files.writeString(tmp, me.json().toPrettyString(), StandardCharsets.UTF_8);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.createLink(file, tmp);
                    Held h = new Held(cell, file, me);
                    held.put(token, h);
                    log("claim", cell, me, null);
                    return Optional.of(h);
                } catch (FileAlreadyExistsException e) {
                    Optional<Info> existing = inspect(cell);
                    if (existing.isEmpty()) {
                        continue; // released meanwhile: try again
                    }
                    if (!existing.get().stale() || !takeOver(cell, existing.get())) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private boolean takeOver(Cell cell, Info stale) throws IOException {
        Path file = claimFile(cell);
        Path marker = file.resolveSibling("claim.taken-" + stale.owner().token());
        try {
            Files.createFile(marker); // O_EXCL: one taker per stale claim
        } catch (FileAlreadyExistsException e) {
            // a taker that died between marker and takeover must not block the cell for ever
            if (Duration.between(Files.getLastModifiedTime(marker).toInstant(), Instant.now()).compareTo(lease) > 0) {
                Files.deleteIfExists(marker);
            }
            return false;
        }
        try {
            Optional<Info> now = inspect(cell);
            if (now.isEmpty() || !now.get().owner().token().equals(stale.owner().token())) {
                return now.isEmpty();
            }
            Files.deleteIfExists(file);
            log("takeover", cell, ClaimOwner.current(""), stale.owner().describe() + ": " + stale.staleBecause());
            return true;
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    /** Whether this process still holds the claim (checked on disk, not only by the last heartbeat). */
    public boolean stillHeld(Held h) {
        if (h.lost) {
            return false;
        }
        Optional<Info> now = inspect(h.cell);
        if (now.isEmpty() || !now.get().owner().token().equals(h.owner.token())) {
            h.lost = true;
        }
        return !h.lost;
    }

    /** Gives a claim up ({@code event}: done, failed, stopped, released), removing the file if it is still ours. */
    public void release(Held h, String event, String detail) {
        held.remove(h.owner.token());
        try {
            Optional<Info> now = inspect(h.cell);
            if (now.isPresent() && now.get().owner().token().equals(h.owner.token())) {
                Files.deleteIfExists(h.file.resolveSibling(PROGRESS));
                Files.deleteIfExists(h.file);
            }
            log(event, h.cell, h.owner, detail);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the claim on " + h.cell.id(), e);
        }
    }

    private void beat() {
        for (Held h : held.values()) {
            try {
                if (stillHeld(h)) {
                    Files.setLastModifiedTime(h.file, FileTime.from(Instant.now()));
                    publishProgress(h);
                } else {
                    held.remove(h.owner.token());
                    System.err.printf("[rose-bench] lost the claim on %s (another worker took it over after a missed"
                            + " heartbeat); its result will not be written by this worker%n", h.cell.id());
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("[rose-bench] warning: heartbeat of " + h.cell.id() + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * Writes the process's latest progress line beside the claim, when one was taken since the claim and is new. A
     * worker runs one cell at a time, so the line is this cell's.
     */
    private static void publishProgress(Held h) throws IOException {
        Optional<Progress.Snapshot> s = Progress.latest();
        if (s.isEmpty() || s.get().at().isBefore(h.since) || s.get().at().equals(h.published)) {
            return;
        }
        ObjectNode o = JSON.createObjectNode().put("owner_token", h.owner.token()).put("line", s.get().line())
                .put("time", s.get().at().toString());
        Path target = h.file.resolveSibling(PROGRESS);
        Path tmp = target.resolveSibling(".progress-" + h.owner.token() + ".tmp");
        Files.writeString(tmp, o.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        h.published = s.get().at();
    }

    /** The progress line the holder of {@code claim} published for {@code cell}, if any. */
    public Optional<String> progress(Cell cell, Info claim) {
        try {
            JsonNode o = JSON.readTree(Files.readString(claimFile(cell).resolveSibling(PROGRESS),
                    StandardCharsets.UTF_8));
            if (o == null || !claim.owner().token().equals(o.path("owner_token").asText(null))) {
                return Optional.empty(); // a previous holder's line
            }
            return Optional.ofNullable(o.path("line").asText(null));
        } catch (IOException e) {
            return Optional.empty(); // none yet, or replaced while read
        }
    }

    private void log(String event, Cell cell, ClaimOwner owner, String detail) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.now().toString()).put("event", event).put("cell", cell.id())
                .put("kind", cell.kind().label()).put("owner", owner.host() + ":" + owner.pid())
                .put("slurm_job", owner.slurmJob());
        if (detail != null) {
            line.put("detail", detail);
        }
        // one write of one short line to a file opened for appending: lines of concurrent workers do not interleave
        Files.write(runDir.resolve(LOG), (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }
}
