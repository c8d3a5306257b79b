package org.rosebench.harness.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.rosebench.core.util.Cache;
import org.rosebench.core.util.Provenance;

/**
 * One self-contained HTML page per run ({@code RUN_DIR/tables/report.html}): the run's provenance summary
 * ({@link RunSummary}), every table as in {@code tables.html}, and every PNG under the plots folder (at any depth, so
 * plots other tools put there are included) embedded as a {@code data:} URI with its caption ({@link PlotCaptions}).
 * No scripts, no external style sheets, fonts or images: the file can be mailed or archived alone.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";

    /** A PNG found under the plots folder. */
    record Plot(String path, byte[] png, int width, int height, String caption) {}

    private static final String CSS = TableRenderers.CSS
            + "table.meta td:first-child{font-weight:bold;white-space:nowrap;vertical-align:top}"
            + "figure.plot{margin:1.5em 0;max-width:100%}figure.plot img{max-width:100%;height:auto;"
            + "border:1px solid #ddd}figcaption{color:#333;font-size:90%;max-width:60em}"
            + "figcaption code,td code{font-size:95%}nav li{margin:0.1em 0}p.warn{color:#a00}";

    private HtmlReport() {}

    /**
     * Writes the page atomically and returns it.
     *
     * @param plotsDir the folder whose PNGs are embedded; null when plots were not drawn
     * @param warn     receives PNGs that could not be decoded (listed on the page, not embedded)
     */
    public static Path write(Path file, String title, RunSummary summary, List<TextTable> tables, Path plotsDir,
            Consumer<String> warn) throws IOException {
        List<String> broken = new ArrayList<>();
        List<Plot> plots = plotsDir == null ? List.of() : plots(plotsDir, broken);
        broken.forEach(b -> warn.accept(plotsDir.resolve(b) + ": not a readable PNG; left out of " + file));
        String html = render(title, summary, tables, plotsDir, plots, broken);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Cache.tempSibling(file);
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Cache.moveAtomically(tmp, file);
        return file;
    }

    /** Every {@code *.png} under {@code dir}, by relative path; undecodable ones go to {@code broken}. */
    static List<Plot> plots(Path dir, List<String> broken) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b))).toList();
        }
        List<Plot> plots = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            BufferedImage image;
            try {
                image = ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException | RuntimeException e) {
                image = null;
            }
            if (image == null) {
                broken.add(relative(dir, f));
                continue;
            }
            plots.add(new Plot(relative(dir, f), bytes, image.getWidth(), image.getHeight(), PlotCaptions.read(f)));
        }
        return plots;
    }

    private static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    static String render(String title, RunSummary summary, List<TextTable> tables, Path plotsDir, List<Plot> plots,
            List<String> broken) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n<h1>")
                .append(esc(title)).append("</h1>\n");
        provenance(sb, summary);
        contents(sb, tables, plots);
        sb.append("<section id=\"tables\">\n<h2>Tables</h2>\n");
        for (TextTable t : tables) {
            sb.append("<section class=\"result-table\" data-name=\"").append(esc(t.name())).append("\">\n")
                    .append(TableRenderers.html(t, "h3")).append("</section>\n");
        }
        sb.append("</section>\n<section id=\"plots\">\n<h2>Plots</h2>\n");
        if (plotsDir == null) {
            sb.append("<p>No plots: <code>table</code> ran with <code>--no-plots</code>.</p>\n");
        } else if (plots.isEmpty() && broken.isEmpty()) {
            sb.append("<p>No PNG in <code>").append(esc(plotsDir.toString())).append("</code>.</p>\n");
        }
        for (int i = 0; i < plots.size(); i++) {
            Plot p = plots.get(i);
            String caption = p.caption() == null ? "" : p.caption();
            sb.append("<figure class=\"plot\" id=\"plot-").append(i + 1).append("\" data-file=\"")
                    .append(esc(p.path())).append("\">\n<img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(p.png())).append("\" width=\"").append(p.width())
                    .append("\" height=\"").append(p.height()).append("\" alt=\"")
                    .append(esc(caption.isEmpty() ? p.path() : caption)).append("\">\n<figcaption><code>")
                    .append(esc(p.path())).append("</code>").append(caption.isEmpty() ? "" : ": " + esc(caption))
                    .append("</figcaption>\n</figure>\n");
        }
        for (String b : broken) {
            sb.append("<p class=\"warn\"><code>").append(esc(b))
                    .append("</code> is not a readable PNG and is left out.</p>\n");
        }
        return sb.append("</section>\n</body></html>\n").toString();
    }

    private static void provenance(StringBuilder sb, RunSummary s) {
        sb.append("<section id=\"run\">\n<h2>Run</h2>\n<table class=\"meta\">\n");
        if (s.planFile() != null) {
            row(sb, "Config", code(s.configName()) + " (hash " + code(s.configHash()) + ")"
                    + (s.adoptedFrom() == null ? "" : ", adopted from config " + code(s.adoptedFrom())));
            row(sb, "Plan pinned", s.pinnedAt() == null ? "unknown" : esc(s.pinnedAt()));
        } else {
            row(sb, "Config", "unknown: the run directory has no plan.json; every cell directory is counted");
        }
        row(sb, "Configs of the results", counts(s.rowConfigs()));
        row(sb, "Commits of the results", counts(s.commits()));
        row(sb, "Hosts", counts(s.hosts()));
        row(sb, "Devices", counts(s.devices()));
        row(sb, "CPUs of the train cells", counts(s.trainCpus()));
        row(sb, "MKL kernels of the train cells", counts(s.trainMkl()));
        row(sb, "Results finished", s.firstFinished() == null ? "none yet"
                : esc(s.firstFinished()) + " to " + esc(s.lastFinished()));
        int incomplete = s.count(RunSummary.State.CLAIMED) + s.count(RunSummary.State.NOT_STARTED);
        row(sb, "Cells", String.format(Locale.ROOT, "%d %s: %d done, %d failed, %d incomplete (%d claimed by a "
                + "worker, %d not started)", s.total(), s.planFile() == null ? "in cells/" : "planned",
                s.count(RunSummary.State.DONE), s.count(RunSummary.State.FAILED), incomplete,
                s.count(RunSummary.State.CLAIMED), s.count(RunSummary.State.NOT_STARTED)));
        for (Map.Entry<String, Map<RunSummary.State, Integer>> e : s.cells().entrySet()) {
            Map<RunSummary.State, Integer> m = e.getValue();
            row(sb, "· " + e.getKey(), String.format(Locale.ROOT, "%d done, %d failed, %d incomplete",
                    m.getOrDefault(RunSummary.State.DONE, 0), m.getOrDefault(RunSummary.State.FAILED, 0),
                    m.getOrDefault(RunSummary.State.CLAIMED, 0) + m.getOrDefault(RunSummary.State.NOT_STARTED, 0)));
        }
        for (RunSummary.Failure f : s.failures()) {
            row(sb, "Failed " + f.cell(), esc(f.message()));
        }
        row(sb, "Report written", esc(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()) + " by rose-bench "
                + "commit " + code(Provenance.gitCommit()));
        sb.append("</table>\n</section>\n");
    }

    private static void contents(StringBuilder sb, List<TextTable> tables, List<Plot> plots) {
        sb.append("<nav>\n<h2>Contents</h2>\n<ul>\n");
        for (TextTable t : tables) {
            sb.append("<li><a href=\"#").append(esc(t.name())).append("\">").append(esc(t.title()))
                    .append("</a></li>\n");
        }
        for (int i = 0; i < plots.size(); i++) {
            sb.append("<li><a href=\"#plot-").append(i + 1).append("\">").append(esc(plots.get(i).path()))
                    .append("</a></li>\n");
        }
        sb.append("</ul>\n</nav>\n");
    }

    private static void row(StringBuilder sb, String key, String valueHtml) {
        sb.append("<tr><td>").append(esc(key)).append("</td><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static String counts(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().map(e -> code(e.getKey()) + " (" + e.getValue() + " row"
                + (e.getValue() == 1 ? "" : "s") + ")").collect(Collectors.joining(", "));
    }

    private static String code(String s) {
        return "<code>" + esc(s == null ? "?" : s) + "</code>";
    }

    private static String esc(String s) {
        return TableRenderers.esc(s);
    }
}
