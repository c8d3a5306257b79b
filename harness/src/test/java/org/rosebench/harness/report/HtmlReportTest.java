package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page as text: contents, embedding, provenance, atomic writing (the browser check: ReportBrowserTest). */
class HtmlReportTest {

    private static final Pattern ATTRIBUTE_URL = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    Path dir;

    static Report.Options options(Path runDir) {
        return new Report.Options(runDir.resolve("tables"), runDir.resolve("plots"), new McNemarOverSeeds(),
                new PairedBootstrap(200, 1), 0.05, PaperValues.none(), null);
    }

    /** A PNG another tool left in the plots folder, with a caption. */
    static Path foreignPlot(Path runDir) throws Exception {
        Path png = runDir.resolve("plots/landscape/tiny_sst2_loss-landscape.png");
        Files.createDirectories(png.getParent());
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(30, 20,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        PlotCaptions.write(png, "Loss <surface> & friends");
        return png;
    }

    @Test
    void embedsEveryTableAndEveryPngAndNothingExternal() throws Exception {
        RunDirFixture.standard(dir);
        foreignPlot(dir);
        Report.Result result = Report.run(dir, options(dir), w -> {});
        assertEquals(dir.resolve("tables/report.html"), result.report());
        assertEquals(result.report(), result.files().get(result.files().size() - 1));
        String html = Files.readString(result.report());

        // every table, with the same cells as tables.html
        String tablesHtml = Files.readString(dir.resolve("tables/tables.html"));
        for (TextTable t : result.tables()) {
            assertTrue(html.contains("<section class=\"result-table\" data-name=\"" + t.name() + "\">"), t.name());
            String body = TableRenderers.html(t, "h2");
            assertTrue(tablesHtml.contains(body), t.name());
            assertTrue(html.contains(body.replace("<h2 ", "<h3 ").replace("</h2>", "</h3>")), t.name());
        }
        assertEquals(result.tables().size(), count(html, "<section class=\"result-table\""));

        // every PNG of the plots folder, byte for byte, with its caption
        List<Path> pngs;
        try (Stream<Path> s = Files.walk(dir.resolve("plots"))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(result.plots().size() + 1, pngs.size());
        assertEquals(pngs.size(), count(html, "<img "));
        for (Path png : pngs) {
            String rel = dir.resolve("plots").relativize(png).toString();
            Matcher m = Pattern.compile("data-file=\"" + Pattern.quote(rel)
                    + "\">\\n<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
            assertTrue(m.find(), rel);
            assertArrayEquals(Files.readAllBytes(png), Base64.getDecoder().decode(m.group(1)), rel);
        }
        assertTrue(html.contains("<figcaption><code>landscape/tiny_sst2_loss-landscape.png</code>: Loss &lt;surface&gt; "
                + "&amp; friends</figcaption>"), html);
        assertTrue(html.contains("<code>tiny_sst2_clean-vs-advglue.png</code>: tiny · SST-2, clean vs robust"), html);

        // self-contained: no script, no style sheet link, every URL a data: URI or an anchor on the page
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("url("));
        Matcher urls = ATTRIBUTE_URL.matcher(html);
        int anchors = 0;
        while (urls.find()) {
            String url = urls.group(1);
            assertTrue(url.startsWith("data:image/png;base64,") || url.startsWith("#"), url);
            if (url.startsWith("#")) {
                anchors++;
                assertTrue(html.contains(" id=\"" + url.substring(1) + "\""), "anchor target " + url);
            }
        }
        assertEquals(result.tables().size() + pngs.size(), anchors);

        // written atomically: no temporary file left beside it
        try (Stream<Path> s = Files.list(dir.resolve("tables"))) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void provenanceSummaryWithoutAPlan() throws Exception {
        RunDirFixture.standard(dir);
        // 10 eval + 4 attack + 3 train result rows, and eval-ffffffffffffffff with only failed.json ("boom")
        RunSummary s = RunSummary.read(dir, null);
        assertEquals(null, s.planFile());
        assertEquals(18, s.total());
        assertEquals(17, s.count(RunSummary.State.DONE));
        assertEquals(1, s.count(RunSummary.State.FAILED));
        assertEquals(Map.of(RunSummary.State.DONE, 10, RunSummary.State.FAILED, 1), s.cells().get("eval"));
        assertEquals(List.of(new RunSummary.Failure("eval-ffffffffffffffff", "boom")), s.failures());
        assertEquals(Map.of("abc", 17), s.commits());
        assertEquals(Map.of("fixture 0123456789abcdef", 17), s.rowConfigs());
        assertEquals("2025-01-01T00:00:00Z", s.firstFinished());
        String html = Files.readString(Report.run(dir, options(dir), w -> {}).report());
        assertTrue(html.contains("<tr><td>Cells</td><td>18 in cells/: 17 done, 1 failed, 0 incomplete (0 claimed by a "
                + "worker, 0 not started)</td></tr>"), html);
        assertTrue(html.contains("<tr><td>Commits of the results</td><td><code>abc</code> (17 rows)</td></tr>"), html);
        assertTrue(html.contains("<tr><td>Failed eval-ffffffffffffffff</td><td>boom</td></tr>"), html);
        assertTrue(html.contains("no plan.json"), html);
    }

    @Test
    void trainCellsOnCpusOfDifferentVendorsAreWarnedAbout() throws Exception {
        RunDirFixture.standard(dir);
        List<Path> trains;
        try (Stream<Path> cells = Files.list(dir.resolve("cells"))) {
            trains = cells.filter(c -> c.getFileName().toString().startsWith("train-")).sorted().toList();
        }
        assertEquals(3, trains.size());
        recordCpu(trains.get(0), "AuthenticAMD / AMD EPYC");
        recordCpu(trains.get(1), "AuthenticAMD / AMD EPYC");
        List<String> warnings = new ArrayList<>();
        Report.run(dir, options(dir), warnings::add);
        assertTrue(warnings.stream().noneMatch(w -> w.contains("different vendors")), warnings.toString());
        recordCpu(trains.get(1), "GenuineIntel / Intel(R) Xeon(R)");
        RunSummary s = RunSummary.read(dir, null);
        assertEquals(Map.of("AuthenticAMD / AMD EPYC", 1, "GenuineIntel / Intel(R) Xeon(R)", 1,
                RunSummary.NOT_RECORDED, 1), s.trainCpus());
        assertEquals(Map.of("AuthenticAMD", 1, "GenuineIntel", 1), s.trainCpuVendors());
        warnings.clear();
        String html = Files.readString(Report.run(dir, options(dir), warnings::add).report());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("different vendors")
                && w.contains("GenuineIntel=1")), warnings.toString());
        assertTrue(html.contains("<tr><td>CPUs of the train cells</td>"), html);

        // trained with counter-based masks, the Intel model is the one the AMD machine would train: no warning
        ObjectMapper json = new ObjectMapper();
        ObjectNode row = (ObjectNode) json.readTree(trains.get(1).resolve("result.json").toFile());
        ((ObjectNode) row.get("train_config")).put("dropoutMasks", "counter");
        json.writeValue(trains.get(1).resolve("result.json").toFile(), row);
        assertEquals(Map.of("AuthenticAMD", 1), RunSummary.read(dir, null).trainCpuVendors());
        assertEquals(3, RunSummary.read(dir, null).trainCpus().values().stream().mapToInt(Integer::intValue).sum());
        warnings.clear();
        Report.run(dir, options(dir), warnings::add);
        assertTrue(warnings.stream().noneMatch(w -> w.contains("different vendors")), warnings.toString());
    }

    @Test
    void trainCellsWithDifferentMklKernelsAreWarnedAbout() throws Exception {
        RunDirFixture.standard(dir);
        List<Path> trains;
        try (Stream<Path> cells = Files.list(dir.resolve("cells"))) {
            trains = cells.filter(c -> c.getFileName().toString().startsWith("train-")).sorted().toList();
        }
        List<String> warnings = new ArrayList<>();
        // rows from before the field and rows recording null both mean MKL chose by itself: no warning
        recordProvenance(trains.get(0), "mkl_vendor_check", null);
        Report.run(dir, options(dir), warnings::add);
        assertTrue(warnings.stream().noneMatch(w -> w.contains("MKL kernels")), warnings.toString());
        recordProvenance(trains.get(1), "mkl_vendor_check", "bypassed");
        RunSummary s = RunSummary.read(dir, null);
        assertEquals(Map.of(RunSummary.MKL_OWN_CHOICE, 2, RunSummary.MKL_BYPASSED, 1), s.trainMkl());
        warnings.clear();
        String html = Files.readString(Report.run(dir, options(dir), warnings::add).report());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("different MKL kernels")
                && w.contains("ROSE_BENCH_MKL_AVX512")), warnings.toString());
        assertTrue(html.contains("<tr><td>MKL kernels of the train cells</td>"), html);
    }

    /** Sets (or nulls) one {@code provenance} field of a cell's result.json. */
    private static void recordProvenance(Path cell, String field, String value) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode row = (ObjectNode) json.readTree(cell.resolve("result.json").toFile());
        ((ObjectNode) row.get("provenance")).put(field, value);
        json.writeValue(cell.resolve("result.json").toFile(), row);
    }

    /** Adds {@code provenance.cpu} to a cell's result.json, as results written since it was recorded have. */
    private static void recordCpu(Path cell, String cpu) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode row = (ObjectNode) json.readTree(cell.resolve("result.json").toFile());
        ((ObjectNode) row.get("provenance")).put("cpu", cpu);
        json.writeValue(cell.resolve("result.json").toFile(), row);
    }

    @Test
    void provenanceSummaryOfAPlan() throws Exception {
        RunDirFixture f = new RunDirFixture(dir).method("vanilla", "Vanilla", 0);
        Path done = f.eval("m", "sst2", "vanilla", 1, "dev", RunDirFixture.alternating(4));
        Path attack = f.attack("m", "sst2", "vanilla", 1, "pwws", "dev", "sf", 10, 5);
        f.unfinished("eval-ffffffffffffffff");
        Path claimed = Files.createDirectories(dir.resolve("cells/train-1111111111111111"));
        Files.writeString(claimed.resolve("claim.json"), "{}");
        f.eval("m", "rte", "vanilla", 1, "dev", RunDirFixture.alternating(4)); // not in the plan: not counted
        Files.writeString(dir.resolve("plan.json"), "{\"config_name\":\"x\",\"config_hash\":\"feedbeef\","
                + "\"pinned_at\":\"2026-01-02T03:04:05Z\",\"cells\":[\"" + done.getFileName() + "\",\""
                + attack.getFileName() + "\",\"eval-ffffffffffffffff\",\"train-1111111111111111\","
                + "\"train-2222222222222222\"]}");
        Path attackRow = attack.resolve("result.json");
        Files.writeString(attackRow, Files.readString(attackRow).replace("2025-01-01T00:00:00Z",
                "2025-01-01T00:00:00.5Z"));
        RunSummary s = RunSummary.read(dir, null);
        // instants, not text: "…00.5Z" sorts before "…00Z" as text but is half a second later
        assertEquals("2025-01-01T00:00:00Z", s.firstFinished());
        assertEquals("2025-01-01T00:00:00.500Z", s.lastFinished());
        assertEquals("x", s.configName());
        assertEquals("feedbeef", s.configHash());
        assertEquals("2026-01-02T03:04:05Z", s.pinnedAt());
        assertEquals(5, s.total());
        assertEquals(Map.of(RunSummary.State.CLAIMED, 1, RunSummary.State.NOT_STARTED, 1), s.cells().get("train"));
        assertEquals(Map.of(RunSummary.State.DONE, 1, RunSummary.State.FAILED, 1), s.cells().get("eval"));
        assertEquals(Map.of(RunSummary.State.DONE, 1), s.cells().get("attack"));
        String html = Files.readString(Report.run(dir, options(dir), w -> {}).report());
        assertTrue(html.contains("<tr><td>Config</td><td><code>x</code> (hash <code>feedbeef</code>)</td></tr>"), html);
        assertTrue(html.contains("5 planned: 2 done, 1 failed, 2 incomplete (1 claimed by a worker, 1 not started)"),
                html);
        assertTrue(html.contains("<tr><td>· train</td><td>0 done, 0 failed, 2 incomplete</td></tr>"), html);
    }

    @Test
    void unreadablePngIsNamedAndLeftOut() throws Exception {
        RunDirFixture.standard(dir);
        Files.createDirectories(dir.resolve("plots"));
        Files.writeString(dir.resolve("plots/zz-broken.png"), "not a png");
        List<String> warnings = new ArrayList<>();
        Report.Result result = Report.run(dir, options(dir), warnings::add);
        String html = Files.readString(result.report());
        assertEquals(result.plots().size(), count(html, "<img "));
        assertTrue(html.contains("<p class=\"warn\"><code>zz-broken.png</code> is not a readable PNG and is left "
                + "out.</p>"), html);
        assertTrue(warnings.stream().anyMatch(w -> w.endsWith("zz-broken.png: not a readable PNG; left out of "
                + result.report())), warnings.toString());
    }

    @Test
    void noPlotsSaysSo() throws Exception {
        RunDirFixture.standard(dir);
        Report.Options o = options(dir);
        Report.Result result = Report.run(dir, new Report.Options(o.tablesDir(), null, o.test(), o.bootstrap(),
                o.alpha(), o.paper(), null), w -> {});
        String html = Files.readString(result.report());
        assertEquals(0, count(html, "<img "));
        assertTrue(html.contains("No plots: <code>table</code> ran with <code>--no-plots</code>."), html);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
