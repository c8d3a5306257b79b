package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelContentTest {

    @TempDir
    Path tmp;
    private String cacheBefore;

    @BeforeEach
    void ownCache() {
        cacheBefore = System.getProperty("rose.cache.dir");
        System.setProperty("rose.cache.dir", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (cacheBefore == null) {
            System.clearProperty("rose.cache.dir");
        } else {
            System.setProperty("rose.cache.dir", cacheBefore);
        }
    }

    private Path model(String name, byte weight) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, weight});
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {}}");
        return dir;
    }

    @Test
    void theHashFollowsTheContentNotTheLocation() throws IOException {
        String a = ModelContent.sha256(model("a", (byte) 3));
        assertEquals(a, ModelContent.sha256(model("copy", (byte) 3)), "another path, same files");
        Files.writeString(tmp.resolve("copy/README.md"), "files the loader does not read do not count");
        assertEquals(a, ModelContent.sha256(tmp.resolve("copy")));
        assertNotEquals(a, ModelContent.sha256(model("other", (byte) 4)), "one weight differs");
        Files.writeString(tmp.resolve("copy/tokenizer.json"), "{\"x\": 1}");
        assertNotEquals(a, ModelContent.sha256(tmp.resolve("copy")), "the tokenizer counts");
    }

    @Test
    void aFileIsReadAgainOnlyWhenItsSizeOrTimeChanged() throws IOException {
        Path dir = model("a", (byte) 3);
        String first = ModelContent.sha256(dir);
        Path record = ModelContent.recordFile(dir.toAbsolutePath().normalize());
        assertTrue(Files.isRegularFile(record));
        // same size and time: the cached per-file hash is used (proved by planting a wrong one)
        Files.writeString(record, Files.readString(record).replace(ModelContent.fileSha256(dir.resolve("config.json")),
                "0".repeat(64)));
        assertNotEquals(first, ModelContent.sha256(dir));
        Path weights = dir.resolve("model.safetensors");
        FileTime t = Files.getLastModifiedTime(weights);
        Files.write(weights, new byte[] {1, 2, 9});
        Files.setLastModifiedTime(weights, FileTime.fromMillis(t.toMillis() + 1000));
        Files.setLastModifiedTime(dir.resolve("config.json"), FileTime.fromMillis(t.toMillis() + 1000));
        assertEquals(ModelContent.sha256(model("fresh", (byte) 9)), ModelContent.sha256(dir), "changed files re-read");
    }
}
