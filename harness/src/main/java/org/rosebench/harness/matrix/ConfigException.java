package org.rosebench.harness.matrix;

import java.nio.file.Path;
import org.rosebench.core.BadInput;

/** A matrix config that cannot be used: names the file, the line when known, the setting and the reason. */
public final class ConfigException extends IllegalArgumentException implements BadInput {

    public ConfigException(Path file, int line, String where, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (where == null || where.isEmpty() ? "" : where + ": ") + reason);
    }
}
