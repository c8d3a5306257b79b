package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellClaimsTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Cell cell(String id) {
        return new Cell(Cell.Kind.EVAL, id, JSON.createObjectNode(), null, "dev", null);
    }

    @Test
    void ofManySimultaneousClaimersExactlyOneWinsEachRound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (CellClaims claims = new CellClaims(tmp, Duration.ofMinutes(10))) {
            for (int round = 0; round < 25; round++) {
                Cell c = cell("eval-race" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<CellClaims.Held>>> tries = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    tries.add(pool.submit(() -> {
                        go.await();
                        return claims.tryClaim(c);
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Optional<CellClaims.Held>> f : tries) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        long claimsLogged = Files.readAllLines(tmp.resolve(CellClaims.LOG)).stream()
                .filter(l -> l.contains("\"event\":\"claim\"")).count();
        assertEquals(25, claimsLogged, "one claim line per won claim");
    }

    @Test
    void theHolderPublishesItsProgressLineForOthersAndRemovesItOnRelease() throws Exception {
        Cell c = cell("eval-progress");
        Cell later = cell("eval-later");
        String before = System.getProperty("rose.progress");
        System.setProperty("rose.progress", "true");
        try (CellClaims worker = new CellClaims(tmp, Duration.ofSeconds(1)); // heartbeat every 200 ms
                CellClaims status = new CellClaims(tmp, Duration.ofSeconds(1))) {
            CellClaims.Held held = worker.tryClaim(c).orElseThrow();
            try (org.rosebench.core.util.Progress p = org.rosebench.core.util.Progress.start("eval dev", 4, "ex")) {
                p.stepBy(4, "acc 0.7500");
            }
            Path file = worker.claimFile(c).resolveSibling(CellClaims.PROGRESS);
            for (int i = 0; i < 50 && !Files.exists(file); i++) {
                Thread.sleep(100);
            }
            String line = status.progress(c, status.inspect(c).orElseThrow()).orElseThrow();
            // the rate is left out when no measurable time passed (a fast machine): not asserted
            assertTrue(line.startsWith("eval dev: 4/4 ex (100%), ") && line.endsWith(", acc 0.7500"), line);

            // a line rendered before a claim is not that cell's progress
            CellClaims.Held second = worker.tryClaim(later).orElseThrow();
            Thread.sleep(600);
            assertTrue(status.progress(later, status.inspect(later).orElseThrow()).isEmpty());
            assertFalse(Files.exists(worker.claimFile(later).resolveSibling(CellClaims.PROGRESS)));

            worker.release(held, "done", null);
            worker.release(second, "done", null);
            assertFalse(Files.exists(file), "removed with the claim");
        } finally {
            if (before == null) {
                System.clearProperty("rose.progress");
            } else {
                System.setProperty("rose.progress", before);
            }
        }
    }

    @Test
    void aLiveClaimIsSkippedAndReleasingFreesTheCell() throws Exception {
        Cell c = cell("eval-a");
        try (CellClaims one = new CellClaims(tmp, Duration.ofMinutes(10));
                CellClaims two = new CellClaims(tmp, Duration.ofMinutes(10))) {
            CellClaims.Held held = one.tryClaim(c).orElseThrow();
            assertTrue(two.tryClaim(c).isEmpty(), "held by a live process");
            CellClaims.Info info = two.inspect(c).orElseThrow();
            assertFalse(info.stale());
            assertEquals(ProcessHandle.current().pid(), info.owner().pid());
            one.release(held, "done", null);
            assertTrue(Files.notExists(one.claimFile(c)));
            assertTrue(two.tryClaim(c).isPresent(), "free again");
        }
    }

    @Test
    void aClaimOfAProcessGoneFromThisHostIsTakenOverAtOnceAndLogged() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Cell c = cell("eval-dead");
        writeForeignClaim(c, new ClaimOwner("dead-token", ClaimOwner.hostName(), p.pid(), "2026-01-01T00:00:00Z", "77_1"));
        try (CellClaims claims = new CellClaims(tmp, Duration.ofHours(1))) {
            CellClaims.Info info = claims.inspect(c).orElseThrow();
            assertTrue(info.stale(), "owner gone");
            assertTrue(info.staleBecause().contains("is gone"), info.staleBecause());
            assertTrue(claims.tryClaim(c).isPresent());
        }
        List<JsonNode> log = logLines();
        assertEquals("takeover", log.get(0).path("event").asText());
        assertTrue(log.get(0).path("detail").asText().contains("slurm 77_1"), log.get(0).toString());
        assertEquals("claim", log.get(1).path("event").asText());
        try (var files = Files.list(tmp.resolve("cells").resolve(c.id()))) {
            assertEquals(List.of(CellClaims.CLAIM), files.map(f -> f.getFileName().toString()).toList(),
                    "no takeover marker or temporary file left behind");
        }
    }

    @Test
    void aClaimOfALiveProcessIsKeptUntilItsHeartbeatIsOlderThanTheLease() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cell c = cell("eval-live");
            String start = sleeper.info().startInstant().map(Instant::toString).orElse("");
            writeForeignClaim(c, new ClaimOwner("live-token", ClaimOwner.hostName(), sleeper.pid(), start, ""));
            try (CellClaims claims = new CellClaims(tmp, Duration.ofSeconds(30))) {
                assertTrue(claims.tryClaim(c).isEmpty(), "the owner is alive and its heartbeat is fresh");
                Files.setLastModifiedTime(claims.claimFile(c), FileTime.from(Instant.now().minusSeconds(31)));
                CellClaims.Info info = claims.inspect(c).orElseThrow();
                assertTrue(info.stale() && info.staleBecause().contains("no heartbeat"), info.toString());
                assertTrue(claims.tryClaim(c).isPresent(), "taken over after the lease");
            }
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aPidReusedByAnotherProcessDoesNotKeepAClaimAlive() throws Exception {
        Cell c = cell("eval-reused");
        ProcessHandle self = ProcessHandle.current();
        // our own pid, but a start time that is not ours: the recorded owner has gone and the pid was reused
        writeForeignClaim(c, new ClaimOwner("old-token", ClaimOwner.hostName(), self.pid(), "2001-01-01T00:00:00Z", ""));
        try (CellClaims claims = new CellClaims(tmp, Duration.ofHours(1))) {
            assertTrue(claims.inspect(c).orElseThrow().stale());
        }
    }

    @Test
    void aHolderWhoseClaimWasTakenOverKnowsItLostIt() throws Exception {
        Cell c = cell("eval-lost");
        try (CellClaims slow = new CellClaims(tmp, Duration.ofSeconds(5));
                CellClaims other = new CellClaims(tmp, Duration.ofSeconds(5))) {
            CellClaims.Held held = slow.tryClaim(c).orElseThrow();
            assertTrue(slow.stillHeld(held));
            // the holder stalled (say a suspended VM) past its lease and another worker took the cell over
            Path file = slow.claimFile(c);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
            CellClaims.Held taker = other.tryClaim(c).orElseThrow();
            assertFalse(slow.stillHeld(held), "the first holder must not write the result");
            assertTrue(held.lost());
            slow.release(held, "lost", null);
            assertTrue(Files.exists(file), "releasing a lost claim leaves the new holder's claim alone");
            assertTrue(other.stillHeld(taker));
        }
    }

    @Test
    void theHeartbeatKeepsAClaimFresh() throws Exception {
        Cell c = cell("eval-beat");
        try (CellClaims claims = new CellClaims(tmp, Duration.ofSeconds(2))) {
            claims.tryClaim(c).orElseThrow();
            Files.setLastModifiedTime(claims.claimFile(c), FileTime.from(Instant.now().minusSeconds(1)));
            Thread.sleep(700); // heartbeat every lease/10 = 200 ms
            assertTrue(claims.inspect(c).orElseThrow().age().toMillis() < 600, "heartbeat touched the claim");
        }
    }

    private void writeForeignClaim(Cell c, ClaimOwner owner) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cells").resolve(c.id()));
        Files.writeString(dir.resolve(CellClaims.CLAIM), owner.json().toString(), StandardCharsets.UTF_8);
    }

    private List<JsonNode> logLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve(CellClaims.LOG))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }
}
