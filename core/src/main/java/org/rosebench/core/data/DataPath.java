package org.rosebench.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.rosebench.core.util.Cache;

/**
 * The ordered list of data roots that {@link GlueData} searches. The standard order, first match wins for each
 * file kind (an official file anywhere beats a derived or subset file anywhere, see {@link GlueData}):
 * <ol>
 *   <li>the root the user named: {@code --data DIR} or a config's {@code data_dir};</li>
 *   <li>{@code $ROSE_DATA_DIR};</li>
 *   <li>the user data folder {@code <cache>/data} ({@code ~/.cache/rose-bench/data}, or {@code $ROSE_BENCH_CACHE/data}),
 *       where {@code rose-bench data fetch} installs the official archives;</li>
 *   <li>the data bundled with the project ({@code <repository>/data}, found through {@code -Drose.data.bundled}
 *       or {@code -Drose.repo.dir}, which the launcher passes).</li>
 * </ol>
 * A root the user named must exist; the user folder and the bundled folder are skipped when absent.
 */
public record DataPath(List<Root> roots) {

    /** One data root and where it came from (shown by {@code data list} and in error messages). */
    public record Root(Path dir, String origin) {
        @Override
        public String toString() {
            return dir + " (" + origin + ")";
        }
    }

    public DataPath {
        roots = List.copyOf(roots);
    }

    /** A single root, nothing else: tests and callers that must see exactly one folder. */
    public static DataPath of(Path dir) {
        return new DataPath(List.of(new Root(dir, "given")));
    }

    /**
     * The standard search path.
     *
     * @param explicit the user's root ({@code --data} or {@code data_dir}), or null
     * @param origin   how the user named it, e.g. {@code --data} or {@code configs/x.yaml data_dir}
     * @throws DataException if the user's root or {@code $ROSE_DATA_DIR} is not a directory
     */
    public static DataPath standard(Path explicit, String origin) {
        return new DataPath(standardRoots(explicit, origin).stream().filter(r -> Files.isDirectory(r.dir())).toList());
    }

    /** The standard roots in search order, including the user and bundled folders when they do not exist. */
    public static List<Root> standardRoots(Path explicit, String origin) {
        List<Root> roots = new ArrayList<>();
        if (explicit != null) {
            roots.add(requireDir(explicit, origin));
        }
        String env = System.getenv("ROSE_DATA_DIR");
        if (env != null && !env.isBlank()) {
            roots.add(requireDir(Path.of(env), "$ROSE_DATA_DIR"));
        }
        roots.add(new Root(userDataDir(), "user data folder, target of 'rose-bench data fetch'"));
        Path bundled = bundledDataDir();
        if (bundled != null) {
            roots.add(new Root(bundled, "bundled with rose-bench"));
        }
        return roots;
    }

    /** Where {@code data fetch} installs by default: {@code <cache>/data}, or {@code -Drose.data.user}. */
    public static Path userDataDir() {
        String p = System.getProperty("rose.data.user");
        return p != null && !p.isBlank() ? Path.of(p) : Cache.root().resolve("data");
    }

    /** The project's bundled data folder, or null when the process does not know where the project is. */
    public static Path bundledDataDir() {
        String p = System.getProperty("rose.data.bundled");
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        String repo = System.getProperty("rose.repo.dir");
        return repo != null && !repo.isBlank() ? Path.of(repo).resolve("data").toAbsolutePath().normalize() : null;
    }

    /**
     * Where a file of this path lives, without machine-specific parts where there are none to keep:
     * {@code bundled:glue/SST-2/train.tsv.gz}, {@code user:glue/QNLI/train.tsv}, or {@code /own/root:glue/...}
     * for a root the user named (that folder is the user's own, so its path is the information).
     */
    public String locate(Path file) {
        Path f = file.toAbsolutePath().normalize();
        for (Root r : roots) {
            Path dir = r.dir().toAbsolutePath().normalize();
            if (f.startsWith(dir)) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (dir.equals(bundledDataDirOrNull())) {
                    return "bundled:" + rel;
                }
                if (dir.equals(userDataDir().toAbsolutePath().normalize())) {
                    return "user:" + rel;
                }
                return dir + ":" + rel;
            }
        }
        return f.toString();
    }

    private static Path bundledDataDirOrNull() {
        Path b = bundledDataDir();
        return b == null ? null : b.toAbsolutePath().normalize();
    }

    public List<Path> dirs() {
        return roots.stream().map(Root::dir).toList();
    }

    /** One line: the roots in search order. */
    public String describe() {
        return roots.isEmpty() ? "(no data roots)"
                : roots.stream().map(Root::toString).collect(Collectors.joining(", then "));
    }

    private static Root requireDir(Path dir, String origin) {
        if (!Files.isDirectory(dir)) {
            throw new DataNotFoundException("data root " + dir + " (" + origin + ") is not a directory");
        }
        return new Root(dir.toAbsolutePath().normalize(), origin);
    }
}
