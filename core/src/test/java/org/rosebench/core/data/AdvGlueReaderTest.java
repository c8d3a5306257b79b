package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvGlueReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("dev.json"), content);
    }

    private static String rte(String item) {
        return "{\n  \"rte\": [\n    {\"idx\": 0, \"sentence1\": \"a\", \"sentence2\": \"b\", \"label\": 1},\n    " + item + "\n  ]\n}\n";
    }

    private static void assertMessage(DataFormatException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void readsItemsInOrder() throws IOException {
        Path f = write(rte("{\"idx\": 5, \"sentence1\": \"c \\\"q\\\"\", \"sentence2\": \"d\", \"label\": 0}"));
        assertEquals(List.of(new Example(0, "a", "b", 1), new Example(5, "c \"q\"", "d", 0)),
                AdvGlueReader.read(f, Task.RTE));
    }

    @Test
    void truncatedJsonReportsLineAndColumn() throws IOException {
        String full = rte("{\"idx\": 5, \"sentence1\": \"c\", \"sentence2\": \"d\", \"label\": 0}");
        Path f = write(full.substring(0, full.length() - 12));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, f.toString(), "malformed or truncated JSON");
        assertTrue(e.line() >= 4 && e.column() > 0, e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":" + e.line() + ":" + e.column() + ": "), e.getMessage());
    }

    @Test
    void emptyFileFails() throws IOException {
        Path f = write("  \n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, "dev.json", "empty file");
    }

    @Test
    void missingTaskKeyFails() throws IOException {
        Path f = write(rte("{\"idx\": 1, \"sentence1\": \"c\", \"sentence2\": \"d\", \"label\": 0}"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "mnli-mm"));
        assertMessage(e, "dev.json", "missing task key 'mnli-mm'", "found: rte");
        assertThrows(DataFormatException.class, () -> AdvGlueReader.readAll(f));
    }

    @Test
    void unknownKeyIsRejectedWithValidKeys() throws IOException {
        Path f = write(rte("{\"idx\": 1, \"sentence1\": \"c\", \"sentence2\": \"d\", \"label\": 0}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdvGlueReader.read(f, "mrpc"));
        assertTrue(e.getMessage().contains("sst2, qnli, qqp, rte, mnli, mnli-mm"), e.getMessage());
    }

    @Test
    void itemMissingTextKeyFails() throws IOException {
        Path f = write(rte("{\"idx\": 9, \"sentence1\": \"c\", \"label\": 0}"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, "dev.json", "rte[1] (idx 9)", "missing text key 'sentence2'");
    }

    @Test
    void itemMissingLabelFails() throws IOException {
        Path f = write(rte("{\"idx\": 9, \"sentence1\": \"c\", \"sentence2\": \"d\"}"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, "dev.json", "rte[1]", "missing 'label'");
    }

    @Test
    void itemMissingIdxFails() throws IOException {
        Path f = write(rte("{\"sentence1\": \"c\", \"sentence2\": \"d\", \"label\": 0}"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, "rte[1]", "missing 'idx'");
    }

    @Test
    void labelOutOfRangeFails() throws IOException {
        Path f = write(rte("{\"idx\": 9, \"sentence1\": \"c\", \"sentence2\": \"d\", \"label\": 2}"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, "dev.json", "rte[1] (idx 9)", "label 2 out of range 0..1");
    }

    @Test
    void nonIntegerLabelFails() throws IOException {
        Path f = write(rte("{\"idx\": 9, \"sentence1\": \"c\", \"sentence2\": \"d\", \"label\": \"entailment\"}"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "rte"));
        assertMessage(e, "rte[1]", "label is not an integer");
    }

    @Test
    void trailingGarbageFails() throws IOException {
        Path f = write("{\"sst2\": []} {");
        assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "sst2"));
    }

    @Test
    void mnliMismatchedIsItsOwnKey() throws IOException {
        Path f = write("{\"mnli\": [{\"idx\": 1, \"premise\": \"a\", \"hypothesis\": \"b\", \"label\": 0}], "
                + "\"mnli-mm\": [{\"idx\": 3, \"premise\": \"p\", \"hypothesis\": \"h\", \"label\": 1}]}");
        assertEquals(List.of(new Example(1, "a", "b", 0)), AdvGlueReader.read(f, Task.MNLI));
        assertEquals(List.of(new Example(3, "p", "h", 1)), AdvGlueReader.read(f, "mnli-mm"));
    }

    @Test
    void anEmptyTaskListIsAnErrorNotZeroPercent() throws IOException {
        Path f = write("{\"sst2\": []}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> AdvGlueReader.read(f, "sst2"));
        assertTrue(e.getMessage().contains("'sst2' has no examples"), e.getMessage());
    }
}
