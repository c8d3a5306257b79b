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
        return (ObjectNode) new ObjectMapper().readTree(f.toFile());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
