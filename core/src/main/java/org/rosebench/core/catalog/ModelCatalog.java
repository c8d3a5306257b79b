package org.rosebench.core.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rosebench.core.model.HfDirectory;
import org.rosebench.core.model.ModelContent;
import org.rosebench.core.util.Cache;

/**
 * Named pretrained models shipped in Maven artifacts, converted once into HF directories under
 * {@code <cache>/models/<name>}. Any local HF directory is accepted by path too.
 */
public final class ModelCatalog {

    private static final Map<String, CatalogModel> MODELS = new LinkedHashMap<>();

    static {
        register(new MiniLmL6());
        register(new BertBaseUncased());
    }

    private ModelCatalog() {}

    public static void register(CatalogModel model) {
        MODELS.put(model.name(), model);
    }

    public static List<CatalogModel> models() {
        return List.copyOf(MODELS.values());
    }

    /** A catalog name or a path to a HF directory. */
    public static HfDirectory resolve(String nameOrPath) {
        return HfDirectory.open(directory(nameOrPath));
    }

    /** The HF directory of a catalog name (converted on first use) or of a path. */
    public static Path directory(String nameOrPath) {
        CatalogModel m = MODELS.get(nameOrPath);
        if (m != null) {
            return materialised(m);
        }
        Path p = Path.of(nameOrPath);
        if (Files.isDirectory(p)) {
            return p;
        }
        throw new IllegalArgumentException("unknown model '" + nameOrPath + "': not a catalog name " + MODELS.keySet()
                + " nor a HuggingFace model directory");
    }

    /**
     * The model's identity by content ({@link ModelContent}): a catalog model is hashed in its converted form, so
     * a converter change that alters the weights gives it a new identity.
     */
    public static String contentSha256(String nameOrPath) {
        return ModelContent.sha256(directory(nameOrPath));
    }

    /** The cached HF directory of a catalog model, converting it on first use (atomically: temp dir + rename). */
    public static Path materialised(CatalogModel m) {
        Path dir = Cache.dir("models").resolve(m.name());
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            return dir;
        }
        try {
            Path tmp = Files.createTempDirectory(dir.getParent(), m.name() + ".tmp");
            try {
                System.err.println("[rose-bench] converting " + m.name() + " from " + m.source().coordinates()
                        + " into " + dir + " (once)");
                m.materialise(tmp);
                Files.writeString(tmp.resolve(".complete"), m.source().coordinates() + "\n");
                if (Files.exists(dir)) {
                    deleteTree(dir); // an interrupted earlier conversion
                }
                Cache.moveAtomically(tmp, dir);
            } finally {
                if (Files.exists(tmp)) {
                    deleteTree(tmp);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare model " + m.name() + ": " + e.getMessage(), e);
        }
    }

    /** The original all-MiniLM-L6-v2 ONNX file (tests compare our encoder with ONNX Runtime on it). */
    public static Path extractMiniLmOnnx(Path target) throws IOException {
        return MiniLmL6.extractOnnx(target);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
