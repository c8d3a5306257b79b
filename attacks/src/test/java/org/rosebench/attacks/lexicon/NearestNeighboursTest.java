package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestNeighboursTest {

    @TempDir
    Path tmp;

    /** Brute force in double precision: rank r of every row must carry the same cosine as the table's rank r. */
    @Test
    void tableMatchesBruteForce() {
        // more rows than one column block (4096) and not a multiple of the row block (32)
        int n = 4500, d = 8, k = 10;
        WordVectors v = CounterFittingTest.randomSpace(n, d, 3);
        NearestNeighbours nn = NearestNeighbours.build(v, k, 2);
        NearestNeighbours single = NearestNeighbours.build(v, k, 1);
        WordVectors u = nn.vectors();
        for (int i = 0; i < n; i += 7) {
            List<double[]> all = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    all.add(new double[] {v.cosine(i, j), j});
                }
            }
            all.sort(Comparator.comparingDouble((double[] e) -> -e[0]).thenComparingDouble(e -> e[1]));
            int[] ids = nn.neighbourIds(i);
            assertArrayEquals(ids, single.neighbourIds(i));
            List<NearestNeighbours.Neighbour> withCos = nn.neighboursWithCosine(u.word(i), k);
            for (int r = 0; r < k; r++) {
                double[] expected = all.get(r);
                if (ids[r] != (int) expected[1]) { // only a near-tie may swap places
                    assertEquals(expected[0], v.cosine(i, ids[r]), 1e-5, "row " + i + " rank " + r);
                }
                assertEquals(expected[0], withCos.get(r).cosine(), 1e-5);
            }
        }
    }

    @Test
    void neighbourLookups() {
        List<String> words = List.of("good", "great", "fine", "bad", "awful");
        float[] data = {
            1f, 0f,
            0.9f, 0.2f,
            0.8f, 0.5f,
            -1f, 0.1f,
            -0.9f, 0.3f,
        };
        NearestNeighbours nn = NearestNeighbours.build(new WordVectors(words, data, 2), 50, 1);
        assertEquals(4, nn.k()); // clamped to n - 1
        assertEquals(List.of("great", "fine"), nn.neighbours("good", 2));
        assertEquals(List.of("great", "fine"), nn.neighbours("Good", 2)); // lower-cased lookup
        assertEquals(List.of("great", "fine"), nn.neighbours("good", 10, 0.5));
        assertEquals(List.of(), nn.neighbours("movie", 5));
        assertEquals(OptionalDouble.empty(), nn.cosine("good", "movie"));
        assertEquals(-0.995, nn.cosine("good", "bad").getAsDouble(), 1e-3);
        assertTrue(Double.isNaN(nn.cosineOrNaN("movie", "good")));
    }

    @Test
    void pairsAboveMatchesBruteForce() {
        int n = 700, d = 4;
        WordVectors v = CounterFittingTest.randomSpace(n, d, 9).normalised();
        VectorMath.Pairs p = VectorMath.pairsAbove(v.data(), n, d, 0.9f, 2, "test");
        int expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (v.cosine(i, j) > 0.9 + 1e-6) {
                    expected++;
                }
            }
        }
        assertTrue(Math.abs(p.size() - expected) <= 2, p.size() + " vs " + expected);
        for (int t = 0; t < p.size(); t++) {
            assertTrue(p.a()[t] < p.b()[t]);
            assertEquals(v.cosine(p.a()[t], p.b()[t]), p.value()[t], 1e-5);
        }
    }

    @Test
    void cachedTableRoundTrips() throws IOException {
        String old = System.getProperty("rose.cache.dir");
        System.setProperty("rose.cache.dir", tmp.toString());
        try {
            WordVectors v = CounterFittingTest.randomSpace(200, 5, 1);
            NearestNeighbours a = NearestNeighbours.cached(v, 7);
            try (var files = Files.list(tmp.resolve("lexicon"))) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".nn")).count());
            }
            NearestNeighbours b = NearestNeighbours.cached(v, 7);
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(a.neighbourIds(i), b.neighbourIds(i));
            }
            assertEquals(a.neighboursWithCosine("w3", 7), b.neighboursWithCosine("w3", 7));
        } finally {
            if (old == null) {
                System.clearProperty("rose.cache.dir");
            } else {
                System.setProperty("rose.cache.dir", old);
            }
        }
    }

    @Test
    void vectorFilesRoundTrip() throws IOException {
        Path text = tmp.resolve("cf.txt");
        Files.writeString(text, "3 2\ngood 0.5 1.0\nbad -0.5 1e-1\n\ngood 9 9\nfilm 0 -2\n");
        WordVectors v = WordVectors.readText(text);
        assertEquals(List.of("good", "bad", "film"), v.words());
        assertArrayEquals(new float[] {-0.5f, 0.1f}, v.vector("bad"));
        Path bin = tmp.resolve("cf.vec");
        v.write(bin);
        WordVectors w = WordVectors.read(bin);
        assertEquals(v.words(), w.words());
        assertArrayEquals(v.data(), w.data());
        assertEquals(v.contentHash(), w.contentHash());
        WordVectors.TextFileInfo info = WordVectors.checkText(text);
        assertEquals(3, info.words());
        assertEquals(2, info.dim());
        // the reader and the checker share one parser: same verdict, same file:line:reason, duplicates included
        for (String bad : List.of("good 0.5 1.0\nbad 0.1\n", "good 0.5 1.0\ngood 0.5 x\n", "good 0.5 NaN\n", "\n\n")) {
            Files.writeString(text, bad);
            IOException read = assertThrows(IOException.class, () -> WordVectors.readText(text));
            IOException check = assertThrows(IOException.class, () -> WordVectors.checkText(text));
            assertEquals(read.getMessage(), check.getMessage());
        }
        assertEquals(text + ":2: 1 values, expected 2", assertThrows(IOException.class,
                () -> WordVectors.checkText(writeAndReturn(text, "good 0.5 1.0\nbad 0.1\n"))).getMessage());
    }

    private static Path writeAndReturn(Path file, String content) throws IOException {
        Files.writeString(file, content);
        return file;
    }

    @Test
    void textFoolerVectorFileServesTheSameIndex() throws IOException {
        String old = System.getProperty("rose.cache.dir");
        System.setProperty("rose.cache.dir", tmp.toString());
        try {
            Path text = tmp.resolve("counter-fitted-vectors.txt");
            Files.writeString(text, "good 1 0 0\ngreat 0.9 0.1 0\nbad -1 0 0\nmovie 0 0 1\nfilm 0 0.1 1\n");
            NearestNeighbours nn = CounterFittedSpace.fromTextFile(text);
            assertEquals(List.of("great"), nn.neighbours("good", 1));
            assertEquals(List.of("movie"), nn.neighbours("film", 1));
            assertTrue(nn.cosine("good", "bad").getAsDouble() < -0.99);
            assertTrue(nn.cosine("good", "unknown").isEmpty());
        } finally {
            if (old == null) {
                System.clearProperty("rose.cache.dir");
            } else {
                System.setProperty("rose.cache.dir", old);
            }
        }
    }

    @Test
    void missingArtifactSaysHowToFetchIt() {
        MavenResource r = new MavenResource("org.example.none", "no-such-artifact", "0.0.1", "no/such/entry.xz");
        IOException e = assertThrows(IOException.class, r::open);
        assertTrue(e.getMessage().contains("mvn -B dependency:get -Dartifact=org.example.none:no-such-artifact:0.0.1"),
                e.getMessage());
    }
}
