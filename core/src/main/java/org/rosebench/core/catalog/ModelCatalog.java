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

    /**
     * The cached HF directory of a catalog model, converting it on first use. Several processes may start at once
     * (array tasks on one node, or nodes sharing a home directory): the conversion runs under a lock on
     * {@code models/NAME.lock}, the loser of the race finds it complete, and a complete directory is never deleted
     * while others may read it. A conversion from other source coordinates (an upgraded artifact) is redone and
     * the old one moved aside, not deleted, for processes still reading it.
     */
    public static Path materialised(CatalogModel m) {
        Path dir = Cache.dir("models").resolve(m.name());
        String coordinates = m.source().coordinates();
        if (isCompleteFor(dir, coordinates)) {
            return dir;
        }
        try {
            return Cache.withLock(dir.resolveSibling(m.name() + ".lock"), () -> {
                if (isCompleteFor(dir, coordinates)) {
                    return dir; // another process converted it while this one waited
                }
                Path tmp = Cache.tempSibling(dir);
                Files.createDirectory(tmp);
                try {
                    System.err.println("[rose-bench] converting " + m.name() + " from " + coordinates + " into " + dir
                            + " (once)");
                    m.materialise(tmp);
                    Files.writeString(tmp.resolve(".complete"), coordinates + "\n");
                    if (Files.exists(dir)) {
                        if (Files.isRegularFile(dir.resolve(".complete"))) {
                            // complete but from other coordinates: readers may still have it open
                            Files.move(dir, dir.resolveSibling(m.name() + ".old-" + System.currentTimeMillis()));
                        } else {
                            deleteTree(dir); // an interrupted conversion from before locks (nobody reads it)
                        }
                    }
                    Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    if (Files.exists(tmp)) {
                        deleteTree(tmp);
                    }
                }
                return dir;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare model " + m.name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCompleteFor(Path dir, String coordinates) {
        try {
            Path done = dir.resolve(".complete");
            return Files.isRegularFile(done) && Files.readString(done).trim().equals(coordinates.trim());
        } catch (IOException e) {
            return false;
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
