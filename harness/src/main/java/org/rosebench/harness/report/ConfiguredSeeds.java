package org.rosebench.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seeds a run's config asks for, from the copy of the config that the matrix runner writes to
 * {@code RUN_DIR/config.yaml} together with {@code plan.json} (so it belongs to the cells the tables show). Every model, task and method of the
 * matrix trains once per seed, so every table cell should have all of them.
 */
public final class ConfiguredSeeds {

    public static final String CONFIG = "config.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfiguredSeeds() {}

    /** The config's {@code seeds}, or an empty list (with a warning when the file is there but unreadable). */
    public static List<Long> read(Path runDir, Consumer<String> warn) {
        return read(runDir, null, warn);
    }

    /** The same for an earlier plan ({@code plans/HASH.yaml}); null: the current config. */
    public static List<Long> read(Path runDir, String planHash, Consumer<String> warn) {
        Path file = planHash == null ? runDir.resolve(CONFIG) : runDir.resolve("plans").resolve(planHash + ".yaml");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode seeds = YAML.readTree(file.toFile()).path("seeds");
            List<Long> out = new ArrayList<>();
            for (JsonNode s : seeds) {
                if (!s.isIntegralNumber()) {
                    warn.accept(file + ": seed '" + s.asText() + "' is not an integer; seed counts are checked "
                            + "against the finished seeds only");
                    return List.of();
                }
                out.add(s.longValue());
            }
            return List.copyOf(out);
        } catch (IOException e) {
            warn.accept(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable")
                    + "; seed counts are checked against the finished seeds only");
            return List.of();
        }
    }
}
