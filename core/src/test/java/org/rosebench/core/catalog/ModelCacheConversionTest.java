package org.rosebench.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.ModelConfig;

/** Several users of one model cache converting the same model at once. */
class ModelCacheConversionTest {

    @TempDir
    Path cache;

    private String saved;

    @BeforeEach
    void useTempCache() {
        saved = System.getProperty("rose.cache.dir");
        System.setProperty("rose.cache.dir", cache.toString());
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty("rose.cache.dir");
        } else {
            System.setProperty("rose.cache.dir", saved);
        }
    }

    /** A model whose conversion is slow and counted. */
    private static final class Fake implements CatalogModel {
        final AtomicInteger conversions = new AtomicInteger();
        final String version;

        Fake(String version) {
            this.version = version;
        }

        public String name() { return "fake"; }
        public String description() { return "test"; }
        public ModelSource source() { return new ModelSource("org.example", "fake", version); }
        public ModelConfig config() { throw new UnsupportedOperationException(); }

        public void materialise(Path dir) throws IOException {
            conversions.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.writeString(dir.resolve("model.safetensors"), "weights " + version);
        }
    }

    @Test
    void simultaneousFirstUsesConvertOnceAndAllSeeTheCompleteDirectory() throws Exception {
        Fake m = new Fake("1");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Path>> uses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                uses.add(pool.submit(() -> {
                    go.await();
                    Path dir = ModelCatalog.materialised(m);
                    // what a loader reads right after: must be there, whoever converted
                    assertEquals("weights 1", Files.readString(dir.resolve("model.safetensors")));
                    return dir;
                }));
            }
            go.countDown();
            for (Future<Path> f : uses) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, m.conversions.get(), "converted once");
        try (var s = Files.list(cache.resolve("models"))) {
            assertEquals(List.of("fake", "fake.lock"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary directories left");
        }
    }

    @Test
    void aConversionFromOtherCoordinatesIsRedoneAndTheOldOneMovedAsideNotDeleted() throws Exception {
        Path first = ModelCatalog.materialised(new Fake("1"));
        Fake upgraded = new Fake("2");
        Path second = ModelCatalog.materialised(upgraded);
        assertEquals(first, second);
        assertEquals(1, upgraded.conversions.get());
        assertEquals("weights 2", Files.readString(second.resolve("model.safetensors")));
        try (var s = Files.list(cache.resolve("models"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("fake.old-")), "old conversion kept aside");
        }
        assertEquals(0, new Fake("2").conversions.get());
        ModelCatalog.materialised(upgraded);
        assertEquals(1, upgraded.conversions.get(), "complete for its coordinates: not converted again");
    }
}
