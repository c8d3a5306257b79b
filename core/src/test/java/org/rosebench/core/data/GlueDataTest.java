package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File resolution: official name first, documented fallbacks, gzip variants, clear errors. */
class GlueDataTest {

    private static final String RTE_ROWS = "index\tsentence1\tsentence2\tlabel\n0\ta\tb\tentailment\n";

    @TempDir
    Path root;

    private Path rteDir() throws IOException {
        return Files.createDirectories(root.resolve("glue/RTE"));
    }

    private static void gzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void officialIsPreferredOverFallbacks() throws IOException {
        Path d = rteDir();
        Files.writeString(d.resolve("dev.tsv"), RTE_ROWS);
        Files.writeString(d.resolve("dev.hf.tsv"), RTE_ROWS);
        SplitFile f = new GlueData(root).resolve(Task.RTE, Split.DEV);
        assertEquals(d.resolve("dev.tsv"), f.path());
        assertEquals(SplitFile.Variant.OFFICIAL, f.variant());
    }

    @Test
    void gzippedOfficialBeatsPlainDerived() throws IOException {
        Path d = rteDir();
        gzip(d.resolve("dev.tsv.gz"), RTE_ROWS);
        Files.writeString(d.resolve("dev.hf.tsv"), RTE_ROWS);
        SplitFile f = new GlueData(root).resolve(Task.RTE, Split.DEV);
        assertEquals(d.resolve("dev.tsv.gz"), f.path());
        assertTrue(f.gzipped());
    }

    @Test
    void gzipFallbackIsLoaded() throws IOException {
        Path d = rteDir();
        gzip(d.resolve("dev.hf.tsv.gz"), RTE_ROWS);
        GlueSplit s = new GlueData(root).load(Task.RTE, Split.DEV);
        assertEquals(SplitFile.Variant.HF_DERIVED, s.source().variant());
        assertEquals(List.of(new Example(0, "a", "b", 0)), s.examples());
    }

    @Test
    void trainFallsBackToSubsetWithANote() throws IOException {
        Path d = rteDir();
        Files.writeString(d.resolve("train.subset_lmbff16shot.tsv"), RTE_ROWS);
        SplitFile f = new GlueData(root).resolve(Task.RTE, Split.TRAIN);
        assertEquals(SplitFile.Variant.SUBSET, f.variant());
        assertTrue(f.note().contains("SUBSET"), f.note());
    }

    @Test
    void missingFileListsEveryPathTried() throws IOException {
        Path d = rteDir();
        DataException e = assertThrows(DataException.class, () -> new GlueData(root).resolve(Task.RTE, Split.DEV));
        for (String name : List.of("dev.tsv", "dev.tsv.gz", "dev.hf.tsv", "dev.hf.tsv.gz")) {
            assertTrue(e.getMessage().contains(d.resolve(name).toString()), e.getMessage());
        }
    }

    @Test
    void mnliSplitsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GlueData(root).resolve(Task.MNLI, Split.DEV));
        assertTrue(e.getMessage().contains("train, dev_matched, dev_mismatched"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GlueData(root).resolve(Task.RTE, Split.DEV_MATCHED));
    }

    @Test
    void mnliMismatchedResolvesItsOwnFile() throws IOException {
        Path d = Files.createDirectories(root.resolve("glue/MNLI"));
        Files.writeString(d.resolve("dev_matched.hf.tsv"), "idx\tpremise\thypothesis\tlabel\n0\tp\th\tneutral\n");
        Files.writeString(d.resolve("dev_mismatched.hf.tsv"), "idx\tpremise\thypothesis\tlabel\n0\tp\th\tcontradiction\n");
        assertEquals(2, new GlueData(root).load(Task.MNLI, Split.DEV_MISMATCHED).examples().get(0).label());
    }

    @Test
    void advGlueGzipFallback() throws IOException {
        Path d = Files.createDirectories(root.resolve("advglue"));
        gzip(d.resolve("dev.json.gz"), "{\"sst2\": [{\"idx\": 7, \"sentence\": \"s\", \"label\": 1}]}");
        assertEquals(List.of(new Example(7, "s", null, 1)), new GlueData(root).loadAdvGlue("sst2"));
    }

    @Test
    void missingAdvGlueFileListsPaths() {
        DataException e = assertThrows(DataException.class, () -> new GlueData(root).advGlueFile());
        assertTrue(e.getMessage().contains("dev.json.gz"), e.getMessage());
    }
}
