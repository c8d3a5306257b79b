package org.rosebench.core.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rosebench.core.data.DataException;

/** Catalogue targets resolve inside the data root or not at all. */
class TargetPathsTest {

    @TempDir
    Path dir;

    @Test
    void plainTargetResolvesUnderTheRoot() {
        Path root = dir.resolve("data");
        assertEquals(root.resolve("glue/SST-2/train.tsv"), TargetPaths.resolve(root, "glue/SST-2/train.tsv"));
        assertEquals(root.resolve("glue/x.tsv"), TargetPaths.resolve(root, "glue/SST-2/../x.tsv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "glue/../../escape", "/etc/passwd", ".", "glue/.."})
    void targetOutsideTheRootIsRefused(String target) {
        assertThrows(DataException.class, () -> TargetPaths.resolve(dir.resolve("data"), target));
    }

    @Test
    void symbolicLinkOutOfTheRootIsRefused() throws Exception {
        Path root = Files.createDirectories(dir.resolve("data"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path link = Files.createSymbolicLink(root.resolve("glue"), outside);

        assertThrows(DataException.class, () -> TargetPaths.requireRealPathInside(root, link));
        TargetPaths.requireRealPathInside(root, Files.createDirectories(root.resolve("advglue")));
    }
}
