package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.harness.report.ResultRow;
import org.rosebench.harness.report.ResultRows;

/** Tables take model names, method labels and order from plan.json, so renaming never rewrites a result row. */
class PlanDisplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTablesShowThePlansNamesOverTheRows(@TempDir Path run) throws Exception {
        String id = "eval-0123456789abcdef";
        Path cell = Files.createDirectories(run.resolve("cells").resolve(id));
        ObjectNode row = JSON.createObjectNode().put("kind", "eval").put("cell", id).put("train_cell", "train-x")
                .put("model", "old-name").put("task", "sst2").put("seed", 1).put("method", "vanilla")
                .put("method_label", "Old label").put("method_order", 5).put("split", "dev").put("accuracy", 0.5);
        JSON.writeValue(cell.resolve("result.json").toFile(), row);
        byte[] written = Files.readAllBytes(cell.resolve("result.json"));

        ObjectNode plan = JSON.createObjectNode();
        plan.putArray("cells").add(id);
        plan.putObject(ResultRows.DISPLAY).putObject(id).put("model", "renamed").put("method_label", "Vanilla")
                .put("method_order", 0);
        JSON.writeValue(run.resolve(ResultRows.PLAN).toFile(), plan);

        List<ResultRow> rows = ResultRows.load(run);
        assertEquals("renamed", rows.get(0).model());
        assertEquals("Vanilla", rows.get(0).methodLabel());
        assertEquals(0, rows.get(0).methodOrder());
        assertArrayEquals(written, Files.readAllBytes(cell.resolve("result.json")));
    }
}
