package org.rosebench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rosebench.core.util.Cache;

/**
 * The caption of a plot: a text file beside the PNG, {@code NAME.caption.txt} for {@code NAME.png}. Any tool that
 * writes a PNG into a run's plots folder can caption it this way, and {@link HtmlReport} shows the caption under the
 * image (the file name alone when there is none).
 */
public final class PlotCaptions {

    public static final String SUFFIX = ".caption.txt";

    private PlotCaptions() {}

    public static Path file(Path png) {
        String name = png.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4)
                : name;
        return png.resolveSibling(stem + SUFFIX);
    }

    /** Writes (atomically) the caption of {@code png}. */
    public static void write(Path png, String caption) throws IOException {
        Path target = file(png);
        Path tmp = Cache.tempSibling(target);
        Files.writeString(tmp, caption.strip() + "\n", StandardCharsets.UTF_8);
        Cache.moveAtomically(tmp, target);
    }

    /** The caption of {@code png}, or null when it has none. */
    public static String read(Path png) throws IOException {
        Path f = file(png);
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : null;
    }
}
