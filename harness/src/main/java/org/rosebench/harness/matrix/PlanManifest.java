package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rosebench.harness.report.ResultRows;

/**
 * {@code plan.json}: the cells of the config last run in a run directory (in plan order: each training followed by
 * the cells that need its model), and how the tables show them (model name, method label and row order; for a
 * cell that needs a model, its training's id). Display lives here, not in the result rows, so renaming or reordering
 * changes the tables without rewriting a finished {@code result.json}.
 */
final class PlanManifest {

    private PlanManifest() {}

    static ObjectNode of(MatrixPlan plan) {
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        manifest.put("config_name", plan.config().name()).put("config_hash", plan.config().hash());
        // every shard lists the whole plan, so merged shards agree on which cells are current
        plan.cells().forEach(c -> manifest.withArray("cells").add(c.id()));
        ObjectNode display = manifest.putObject(ResultRows.DISPLAY);
        for (Cell c : plan.cells()) {
            ObjectNode d = display.putObject(c.id()).put("model", c.train().model().name())
                    .put("method_label", c.train().method().label())
                    .put("method_order", c.train().method().order());
            if (c.kind() != Cell.Kind.TRAIN) {
                // the model a cell needs, so `export --whole-models` can hold back a model still being evaluated
                d.put(ResultRows.TRAIN_CELL, c.train().id());
            }
            if (c.landscape() != null && !c.landscape().seeds().isEmpty()) {
                // a landscape run on some seeds only: its table expects those, not every configured seed
                c.landscape().seeds().forEach(s -> d.withArray(ResultRows.EXPECTED_SEEDS).add(s));
            }
        }
        return manifest;
    }
}
