package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rosebench.core.BadInputException;
import org.rosebench.harness.report.ResultRows;

/**
 * The plan a run directory is pinned to. The first worker stores the config ({@code config.yaml}) and its plan
 * ({@code plan.json}: config hash, cell ids in plan order, display fields); every later worker must plan exactly
 * the same cells, or it is refused with both hashes named. So shards computed by different array tasks agree,
 * and a config edited between two submissions cannot silently mix two experiments. Adopting an edit is explicit:
 * the old plan and config move to {@code plans/HASH.json} and {@code plans/HASH.yaml} (its results stay on disk and
 * {@code table --plan HASH} shows them), and cells whose keys did not change stay done.
 */
public final class PinnedPlan {

    public static final String CONFIG = "config.yaml";
    public static final String HISTORY = "plans";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PinnedPlan() {}

    /** A worker's plan differs from the one its run directory is pinned to. */
    public static final class Mismatch extends BadInputException {
        Mismatch(Path file, String message) {
            super(file, message);
        }
    }

    /**
     * Pins {@code plan} to its run directory, or checks it against the pinned one.
     *
     * @param adopt replace a different pinned plan with this one (the old one is archived under {@code plans/})
     * @return a line for the log describing what happened
     */
    public static String pin(MatrixPlan plan, ResultStore store, boolean adopt) throws IOException {
        Path runDir = store.runDir();
        Files.createDirectories(runDir);
        Path planFile = runDir.resolve(ResultRows.PLAN);
        ObjectNode mine = manifest(plan);
        String configText = Files.readString(plan.config().source(), StandardCharsets.UTF_8);
        if (createOnce(planFile, mine, configText, runDir)) {
            return "pinned " + runDir + " to config " + plan.config().name() + " (hash " + plan.config().hash() + ", "
                    + plan.cells().size() + " cells)";
        }
        JsonNode pinned = ResultRows.planManifest(planFile);
        List<String> pinnedCells = ids(pinned);
        List<String> myCells = ids(mine);
        String pinnedHash = pinned.path("config_hash").asText("?");
        if (pinnedCells.equals(myCells) && pinnedHash.equals(plan.config().hash())) {
            return "run directory " + runDir + " is pinned to this config (hash " + pinnedHash + ")";
        }
        Set<String> onlyPinned = new LinkedHashSet<>(pinnedCells);
        onlyPinned.removeAll(myCells);
        Set<String> onlyMine = new LinkedHashSet<>(myCells);
        onlyMine.removeAll(pinnedCells);
        String difference = onlyPinned.size() + " of the pinned plan's " + pinnedCells.size() + " cells are not in this "
                + "config's plan and " + onlyMine.size() + " of its " + myCells.size() + " cells are new";
        String why = pinnedHash.equals(plan.config().hash())
                ? "the same config (hash " + pinnedHash + ") plans other cells here: the code versions, device class, "
                        + "CPU kind (Intel CPUs draw dropout masks with another generator), model or data content "
                        + "differ from when the plan was pinned"
                : "the config differs (pinned hash " + pinnedHash + ", this config " + plan.config().hash() + ")";
        if (!adopt) {
            throw new Mismatch(planFile, "this run directory is pinned to another plan: " + why + "; " + difference
                    + ". Use the config it was started with (" + runDir.resolve(CONFIG) + "), another --out, or "
                    + "--adopt-config to make this config the run's plan (finished cells whose keys did not change "
                    + "stay done; the old plan is kept under " + HISTORY + "/)");
        }
        archive(runDir, pinnedHash);
        writeAtomically(runDir.resolve(CONFIG), configText);
        mine.put("adopted_from", pinnedHash);
        writeAtomically(planFile, mine.toPrettyString());
        return "adopted config " + plan.config().hash() + " in place of " + pinnedHash + " (" + difference
                + "; the old plan is " + runDir.resolve(HISTORY).resolve(pinnedHash + ".json") + ")";
    }

    /** The manifest of a plan: what {@code plan.json} holds. */
    static ObjectNode manifest(MatrixPlan plan) {
        ObjectNode m = PlanManifest.of(plan);
        m.put("pinned_at", Instant.now().toString());
        m.put("config_file", CONFIG);
        return m;
    }

    /** Writes config and plan unless a plan exists; of simultaneous first workers exactly one writes. */
    private static boolean createOnce(Path planFile, ObjectNode manifest, String configText, Path runDir)
            throws IOException {
        if (Files.exists(planFile)) {
            return false;
        }
        Path tmp = org.rosebench.core.util.Cache.tempSibling(planFile);
        Path stagedConfig = org.rosebench.core.util.Cache.tempSibling(runDir.resolve(CONFIG));
        Files.writeString(tmp, manifest.toPrettyString(), StandardCharsets.UTF_8);
        Files.writeString(stagedConfig, configText, StandardCharsets.UTF_8);
        try {
            Files.createLink(planFile, tmp); // of simultaneous first workers exactly one succeeds
            // a reader that sees plan.json but no config.yaml yet finds it a moment later; the plan is what counts
            Files.move(stagedConfig, runDir.resolve(CONFIG), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(stagedConfig);
        }
    }

    private static void archive(Path runDir, String hash) throws IOException {
        Path history = runDir.resolve(HISTORY);
        Files.createDirectories(history);
        Path plan = runDir.resolve(ResultRows.PLAN);
        Files.copy(plan, history.resolve(hash + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(runDir.resolve(CONFIG))) {
            Files.copy(runDir.resolve(CONFIG), history.resolve(hash + ".yaml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> ids(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        manifest.path("cells").forEach(c -> out.add(c.asText()));
        return out;
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        org.rosebench.core.util.Cache.moveAtomically(tmp, target);
    }
}
