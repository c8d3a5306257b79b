package org.rosebench.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rosebench.core.BadInputException;

/**
 * Where a run's results came from and how far it got, for the report page: the plan's config (name, hash, when it was
 * pinned), the configs, commits, hosts and devices recorded by the finished rows, the first and last finish time,
 * and the planned cells by kind and state. Reads {@code plan.json} (or an earlier plan) and the cells' files
 * (docs/result-store.md); without a plan every cell directory counts.
 *
 * @param planFile     the plan read, or null when the run has none
 * @param configName   the plan's config name (null without a plan)
 * @param configHash   the plan's config hash (null without a plan)
 * @param pinnedAt     when the plan was pinned (null when unknown)
 * @param adoptedFrom  the hash of the config this plan replaced (null when none)
 * @param rowConfigs   "name hash" of the config recorded in finished rows, with the number of rows
 * @param commits      git commit recorded in finished rows, with the number of rows
 * @param hosts        host recorded in finished rows, with the number of rows
 * @param devices      device recorded in finished rows, with the number of rows
 * @param trainCpus    CPU recorded in finished train rows ({@code provenance.cpu}; "not recorded" for results older
 *                     than that field), with the number of rows: libtorch draws dropout masks by CPU vendor
 * @param engineMaskTrainCpus the same for the train rows whose dropout masks came from libtorch (every row but those
 *                     trained with {@code dropout_masks: counter}, whose masks are the same on every CPU)
 * @param trainMkl     how MKL chose its kernels in finished train rows ({@code provenance.mkl_vendor_check}:
 *                     {@link #MKL_BYPASSED} or {@link #MKL_OWN_CHOICE}, which rows from before the field also mean),
 *                     with the number of rows: the kernels sum in different orders, so trained models differ
 * @param firstFinished earliest {@code finished_at} of a finished row (null when none)
 * @param lastFinished  latest {@code finished_at} of a finished row (null when none)
 * @param cells        per cell kind (train, eval, attack, …): how many cells are in each state
 * @param failures     the failed cells: id and the first line of the recorded message
 */
public record RunSummary(Path planFile, String configName, String configHash, String pinnedAt, String adoptedFrom,
        Map<String, Integer> rowConfigs, Map<String, Integer> commits, Map<String, Integer> hosts,
        Map<String, Integer> devices, Map<String, Integer> trainCpus,
        Map<String, Integer> engineMaskTrainCpus, Map<String, Integer> trainMkl, String firstFinished, String lastFinished,
        Map<String, Map<State, Integer>> cells, List<Failure> failures) {

    /**
     * DONE: {@code result.json}; FAILED: {@code failed.json} and no result; CLAIMED: a worker's {@code claim.json}
     * and neither; NOT_STARTED: none of these (or no directory yet).
     */
    public enum State { DONE, FAILED, CLAIMED, NOT_STARTED }

    public record Failure(String cell, String message) {}

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    public static RunSummary read(Path runDir, String planHash) throws IOException {
        Path plan = ResultRows.planFile(runDir, planHash);
        JsonNode manifest = Files.isRegularFile(plan) ? ResultRows.planManifest(plan) : null;
        List<String> ids = new ArrayList<>();
        if (manifest != null) {
            manifest.path("cells").forEach(c -> ids.add(c.asText()));
        } else {
            try (Stream<Path> s = Files.list(runDir.resolve("cells"))) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(ids::add);
            }
        }
        Map<String, Integer> rowConfigs = new TreeMap<>();
        Map<String, Integer> commits = new TreeMap<>();
        Map<String, Integer> hosts = new TreeMap<>();
        Map<String, Integer> devices = new TreeMap<>();
        Map<String, Integer> trainCpus = new TreeMap<>();
        Map<String, Integer> engineMaskTrainCpus = new TreeMap<>();
        Map<String, Integer> trainMkl = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        Map<String, Map<State, Integer>> cells = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        for (String id : ids) {
            Path dir = runDir.resolve("cells").resolve(id);
            State state = state(dir);
            cells.computeIfAbsent(kind(id), k -> new EnumMap<>(State.class)).merge(state, 1, Integer::sum);
            if (state == State.FAILED) {
                failures.add(new Failure(id, failure(dir.resolve("failed.json"))));
            }
            if (state != State.DONE) {
                continue;
            }
            JsonNode row = read(dir.resolve("result.json"));
            count(rowConfigs, row.path("config_name").asText("?") + " " + row.path("config_hash").asText("?"));
            count(commits, row.path("provenance").path("git_commit").asText("unknown"));
            count(hosts, row.path("provenance").path("host").asText("unknown"));
            count(devices, row.path("provenance").path("device").asText("unknown"));
            if (kind(id).equals("train")) {
                String cpu = row.path("provenance").path("cpu").asText(NOT_RECORDED);
                count(trainCpus, cpu);
                if (!"counter".equals(row.path("train_config").path("dropoutMasks").asText("libtorch"))) {
                    count(engineMaskTrainCpus, cpu);
                }
                JsonNode mkl = row.path("provenance").path("mkl_vendor_check");
                count(trainMkl, mkl.isTextual() && mkl.asText().equals("bypassed") ? MKL_BYPASSED : MKL_OWN_CHOICE);
            }
            Instant finished = instant(row.path("finished_at").asText(null));
            if (finished != null) {
                first = first == null || finished.isBefore(first) ? finished : first;
                last = last == null || finished.isAfter(last) ? finished : last;
            }
        }
        return new RunSummary(manifest == null ? null : plan, text(manifest, "config_name"),
                text(manifest, "config_hash"), text(manifest, "pinned_at"), text(manifest, "adopted_from"),
                rowConfigs, commits, hosts, devices, trainCpus, engineMaskTrainCpus, trainMkl, first == null ? null : first.toString(),
                last == null ? null : last.toString(), cells, failures);
    }

    /** {@link #trainMkl}: the launcher's shim let MKL use AVX-512 kernels on an AMD CPU (scripts/lib/mkl-avx512.sh). */
    public static final String MKL_BYPASSED = "vendor check bypassed (AVX-512 on AMD)";

    /** {@link #trainMkl}: MKL chose its kernels itself (also every result from before the field). */
    public static final String MKL_OWN_CHOICE = "MKL's own choice";

    /** What {@link #trainCpus} says for a result written before the CPU was recorded. */
    public static final String NOT_RECORDED = "not recorded";

    /**
     * The CPU vendors of the finished train cells that recorded one ({@code AuthenticAMD} of
     * {@code "AuthenticAMD / AMD EPYC"}), with the number of cells. More than one means seeds were trained with
     * different dropout generators. Counter-mask trainings are left out: their masks do not depend on the vendor.
     */
    public Map<String, Integer> trainCpuVendors() {
        Map<String, Integer> vendors = new TreeMap<>();
        engineMaskTrainCpus.forEach((cpu, n) -> {
            if (!cpu.equals(NOT_RECORDED)) {
                int slash = cpu.indexOf(" / ");
                vendors.merge(slash < 0 ? cpu : cpu.substring(0, slash), n, Integer::sum);
            }
        });
        return vendors;
    }

    /** Cells in {@code state} over every kind. */
    public int count(State state) {
        return cells.values().stream().mapToInt(m -> m.getOrDefault(state, 0)).sum();
    }

    public int total() {
        return cells.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    static State state(Path cellDir) {
        if (Files.isRegularFile(cellDir.resolve("result.json"))) {
            return State.DONE;
        }
        if (Files.isRegularFile(cellDir.resolve("failed.json"))) {
            return State.FAILED;
        }
        return Files.isRegularFile(cellDir.resolve("claim.json")) ? State.CLAIMED : State.NOT_STARTED;
    }

    /** {@code train} of {@code train-0123…}; cell ids are {@code <kind>-<hash16>}. */
    static String kind(String cellId) {
        int dash = cellId.lastIndexOf('-');
        return dash > 0 ? cellId.substring(0, dash) : cellId;
    }

    private static String failure(Path file) {
        try {
            String message = JSON.readTree(file.toFile()).path("message").asText("");
            String line = message.lines().findFirst().orElse("").strip();
            return line.length() > 300 ? line.substring(0, 300) + "…" : line;
        } catch (IOException e) {
            return "(unreadable " + file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /** An ISO-8601 instant, or null when absent or unparsable (then it bounds nothing). */
    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode read(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual() ? null : node.path(field).asText();
    }
}
