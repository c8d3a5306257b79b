package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the bundled data: Surefire passes {@code rose.data.dir}; an IDE run from {@code core/} falls back. */
final class TestData {

    private TestData() {
    }

    static Path dataDir() {
        String prop = System.getProperty("rose.data.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../data");
        assertTrue(Files.isDirectory(dir.resolve("glue")), "bundled data not found at " + dir.toAbsolutePath());
        return dir;
    }

    static GlueData glueData() {
        return new GlueData(dataDir());
    }

    static int[] labelCounts(Iterable<Example> examples, int numLabels) {
        int[] counts = new int[numLabels];
        for (Example e : examples) {
            counts[e.label()]++;
        }
        return counts;
    }
}
