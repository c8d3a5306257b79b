package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page of the fixture run ({@link RunDirFixture#standard}, plus a PNG another tool left in the plots
 * folder) opened in headless Chromium: every table and every image renders, and a page with a broken image and a
 * missing table is caught. Skipped without Chromium, failed where it is required (see {@link HeadlessChromium}).
 */
class ReportBrowserTest {

    @TempDir
    Path dir;

    @Test
    void everyTableAndImageRendersAndBrokenOnesAreCaught() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.findOrSkip();
        Path run = dir.resolve("run");
        RunDirFixture.standard(run);
        HtmlReportTest.foreignPlot(run);
        Report.Result result = Report.run(run, HtmlReportTest.options(run), w -> {});

        Map<String, Integer> tables = new LinkedHashMap<>();
        result.tables().forEach(t -> tables.put(t.name(), t.rows().size() + 1));
        Map<String, int[]> images = new LinkedHashMap<>();
        Path plots = run.resolve("plots");
        try (Stream<Path> s = Files.walk(plots)) {
            for (Path png : s.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                BufferedImage img = ImageIO.read(png.toFile());
                images.put(plots.relativize(png).toString(), new int[] {img.getWidth(), img.getHeight()});
            }
        }
        assertEquals(7, images.size()); // 6 of table's plots and the foreign one
        assertEquals(6, tables.size()); // dev, its Δ, advglue, its Δ, predicted classes, the attack

        long start = System.nanoTime();
        JsonNode ok = chromium.render(result.report(), dir.resolve("chromium-ok"));
        double okSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(List.of(), HeadlessChromium.problems(ok, tables, images));
        assertEquals(tables.size() + 1, ok.path("allTables").asInt()); // and the provenance table

        // the same page with one image's data replaced by bytes that are no PNG and one table left out
        String html = Files.readString(result.report(), StandardCharsets.UTF_8);
        Matcher img = Pattern.compile("(data-file=\"tiny_sst2_clean-vs-advglue.png\">\\n<img src=\"data:image/png;"
                + "base64,)[A-Za-z0-9+/=]+").matcher(html);
        assertTrue(img.find());
        String broken = img.replaceFirst("$1" + Base64.getEncoder().encodeToString(
                "not a png".getBytes(StandardCharsets.US_ASCII)));
        int from = broken.indexOf("<section class=\"result-table\" data-name=\"tiny_dev\">");
        int to = broken.indexOf("</section>", from) + "</section>\n".length();
        broken = broken.substring(0, from) + broken.substring(to);
        Path brokenPage = Files.createDirectories(dir.resolve("broken")).resolve("report.html");
        Files.writeString(brokenPage, broken, StandardCharsets.UTF_8);
        start = System.nanoTime();
        JsonNode bad = chromium.render(brokenPage, dir.resolve("chromium-broken"));
        double badSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(List.of("table tiny_dev: not on the page",
                "image tiny_sst2_clean-vs-advglue.png: not decoded (broken image)"),
                HeadlessChromium.problems(bad, tables, images));
        System.out.printf(Locale.ROOT, "[ReportBrowserTest] chromium rendered the report in %.1f s and the broken "
                + "copy in %.1f s%n", okSeconds, badSeconds);
    }
}
