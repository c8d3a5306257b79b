package org.rosebench.core.data.fetch;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.rosebench.core.data.DataException;

/**
 * Resolves catalogue targets under a data root and refuses any that would land outside it ({@code ../x}, absolute
 * paths, the root itself), so that a bad catalogue entry cannot write anywhere else.
 */
final class TargetPaths {

    private TargetPaths() {
    }

    /** The normalised absolute path of {@code target} under {@code root}. */
    static Path resolve(Path root, String target) {
        Path base = root.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = base.resolve(target).normalize();
        } catch (InvalidPathException e) {
            throw new DataException("catalogue target '" + target + "' is not a valid path: " + e.getMessage(), e);
        }
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new DataException("catalogue target '" + target + "' is outside the data root " + base
                    + "; refusing to write it");
        }
        return resolved;
    }

    /**
     * Checks, once the folder exists, that following links from it still stays under the root: a symbolic link
     * inside the root must not redirect a write elsewhere.
     */
    static void requireRealPathInside(Path root, Path folder) throws IOException {
        Path realRoot = root.toAbsolutePath().normalize().toRealPath();
        Path realFolder = folder.toRealPath();
        if (!realFolder.startsWith(realRoot)) {
            throw new DataException(folder + " resolves to " + realFolder + ", outside the data root " + realRoot
                    + "; refusing to write there");
        }
    }
}
