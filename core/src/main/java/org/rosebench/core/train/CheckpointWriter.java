package org.rosebench.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.rosebench.core.BadInputException;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.model.ModelConfig;
import org.rosebench.core.model.SequenceClassifier;
import org.rosebench.core.util.Cache;

/**
 * Saves a classifier as a HuggingFace directory ({@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}) plus {@code rose_bench.json} (task, labels, method, seed, provenance). The directory is
 * written beside the target and renamed into place, so a half-written checkpoint is never seen.
 */
public final class CheckpointWriter {

    public static final String METADATA_FILE = "rose_bench.json";

    private CheckpointWriter() {}

    public static void save(SequenceClassifier model, Path dir, ObjectNode metadata) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, dir.getFileName() + ".tmp");
        try {
            ModelConfig config = model.config();
            ObjectNode raw = config.raw();
            raw.putArray("architectures").add(model.head().hfArchitecture());
            raw.put("num_labels", model.labels().size());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("config.json").toFile(), raw);
            SafetensorsWriter.write(tmp.resolve("model.safetensors"), model.weights().toTensorData(),
                    Map.of("format", "pt"));
            Files.copy(model.tokenizer().file(), tmp.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
            new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(tmp.resolve(METADATA_FILE).toFile(), metadata);
            if (Files.exists(dir)) {
                Path old = Files.createTempDirectory(parent, dir.getFileName() + ".old");
                Files.delete(old);
                Files.move(dir, old);
                Cache.moveAtomically(tmp, dir);
                deleteTree(old);
            } else {
                Cache.moveAtomically(tmp, dir);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    public static ObjectNode readMetadata(Path dir) throws IOException {
        Path f = dir.resolve(METADATA_FILE);
        if (!Files.isRegularFile(f)) {
            return new ObjectMapper().createObjectNode();
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new ObjectMapper().readTree(f.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(f, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode o)) {
            throw new BadInputException(f, "not a JSON object");
        }
        return o;
    }

    /**
     * The {@code max_length} a checkpoint was trained with ({@code train_config} in {@code rose_bench.json}), or
     * empty for checkpoints without that record.
     */
    public static java.util.OptionalInt trainedMaxLength(Path dir) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tc = readMetadata(dir).path("train_config");
        com.fasterxml.jackson.databind.JsonNode n = tc.has("maxLength") ? tc.get("maxLength") : tc.path("max_length");
        if (n.isMissingNode() || n.isNull()) {
            return java.util.OptionalInt.empty();
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw new BadInputException(dir.resolve(METADATA_FILE), "train_config max length must be a positive "
                    + "integer, got " + n);
        }
        return java.util.OptionalInt.of(n.asInt());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
