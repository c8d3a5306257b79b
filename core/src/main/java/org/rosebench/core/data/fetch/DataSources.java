package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rosebench.core.data.DataException;

/**
 * The catalogue of downloadable datasets, in catalogue order. {@link #defaults()} is the pinned catalogue shipped
 * as the resource {@code org/rosebench/core/data/fetch/sources.json}; tests and mirrors can supply their own.
 */
public final class DataSources {

    /** The name that selects every entry. */
    public static final String ALL = "all";

    static final String RESOURCE = "/org/rosebench/core/data/fetch/sources.json";

    private final Map<String, DataSource> byName;

    private DataSources(Map<String, DataSource> byName) {
        this.byName = byName;
    }

    /** @throws IllegalArgumentException on an empty list or a name used twice */
    public static DataSources of(List<DataSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a catalogue needs at least one dataset");
        }
        Map<String, DataSource> byName = new LinkedHashMap<>();
        for (DataSource s : sources) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("dataset '" + s.name() + "' is listed twice");
            }
        }
        return new DataSources(byName);
    }

    /** The pinned catalogue shipped with rose-bench. */
    public static DataSources defaults() {
        try (InputStream in = DataSources.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new DataException("catalogue resource " + RESOURCE + " is missing from the classpath");
            }
            return of(CatalogueJson.parse(in, RESOURCE));
        } catch (IOException e) {
            throw new DataException("cannot read catalogue resource " + RESOURCE + ": " + e, e);
        }
    }

    /** A catalogue in the format of the shipped {@code sources.json}. */
    public static DataSources load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(CatalogueJson.parse(in, file.toString()));
        } catch (IOException e) {
            throw new DataException("cannot read catalogue " + file + ": " + e, e);
        }
    }

    public List<DataSource> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @throws IllegalArgumentException naming the unknown dataset and listing the valid names */
    public DataSource get(String name) {
        DataSource s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "' (valid: " + String.join(", ", names())
                    + ", or " + ALL + ")");
        }
        return s;
    }

    /**
     * The entries named, in the order given, each once; {@value #ALL} stands for every entry.
     *
     * @throws IllegalArgumentException on an empty selection or an unknown name (naming it and the valid ones)
     */
    public List<DataSource> select(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no dataset named (valid: " + String.join(", ", names()) + ", or "
                    + ALL + ")");
        }
        Set<DataSource> selected = new LinkedHashSet<>();
        for (String name : names) {
            if (ALL.equals(name)) {
                selected.addAll(byName.values());
            } else {
                selected.add(get(name));
            }
        }
        return List.copyOf(selected);
    }
}
