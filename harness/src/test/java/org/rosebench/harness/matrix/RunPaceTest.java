package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ETA's pace: measured over estimated time per kind of cell, from the cells finished in a run directory. */
class RunPaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void scalesEachKindByItsOwnCellsAndUnseenKindsByAll() {
        RunPace pace = new RunPace();
        assertEquals(1.0, pace.scale(Cell.Kind.TRAIN), "no data: the cost model as it is");
        pace.add(Cell.Kind.TRAIN, 100, 250);
        assertEquals(2.5, pace.scale(Cell.Kind.TRAIN), 1e-12);
        assertEquals(2.5, pace.scale(Cell.Kind.ATTACK), 1e-12);
        pace.add(Cell.Kind.EVAL, 10, 5);
        pace.add(Cell.Kind.EVAL, 30, 15);
        assertEquals(0.5, pace.scale(Cell.Kind.EVAL), 1e-12);
        assertEquals(270.0 / 140, pace.scale(Cell.Kind.ATTACK), 1e-12);
        pace.add(Cell.Kind.LANDSCAPE, 0, 7); // nothing estimated: no pace to learn
        pace.add(Cell.Kind.LANDSCAPE, 5, Double.NaN);
        assertEquals(270.0 / 140, pace.scale(Cell.Kind.LANDSCAPE), 1e-12);
        assertEquals(3, pace.cells());
    }

    @Test
    void aTrainingCountsEveryStretchOfItsTraining() {
        ObjectNode resumed = JSON.createObjectNode().put("train_seconds", 2184.0).put("duration_seconds", 709.0);
        assertEquals(2184.0, RunPace.measuredSeconds(resumed));
        assertEquals(3.0, RunPace.measuredSeconds(JSON.createObjectNode().put("duration_seconds", 3.0)));
        assertTrue(Double.isNaN(RunPace.measuredSeconds(JSON.createObjectNode().put("accuracy", 0.5))));
    }

    @Test
    void readsThePaceOfFinishedCellsAndScalesTheRest() throws Exception {
        MatrixPlan plan = MatrixPlan.of(MatrixConfigLoaderTest.parse(MatrixConfigLoaderTest.VALID));
        CostModel cost = new CostModel(plan.config());
        ResultStore store = new ResultStore(tmp.resolve("run"));
        List<Cell> cells = plan.cells();
        Cell train = cells.get(0);
        Cell eval = cells.get(1);
        store.begin(train, false);
        store.complete(train, JSON.createObjectNode().put("train_seconds", 3 * cost.seconds(train))
                .put("duration_seconds", 1.0));
        store.begin(eval, false);
        store.complete(eval, JSON.createObjectNode().put("duration_seconds", cost.seconds(eval) / 2));

        RunPace pace = RunPace.of(cells, store, cost);
        assertEquals(2, pace.cells());
        assertEquals(3.0, pace.scale(Cell.Kind.TRAIN), 1e-9);
        assertEquals(0.5, pace.scale(Cell.Kind.EVAL), 1e-9);
        List<Cell> rest = cells.subList(2, cells.size());
        double expected = 0;
        double overall = (3 * cost.seconds(train) + cost.seconds(eval) / 2) / (cost.seconds(train) + cost.seconds(eval));
        for (Cell c : rest) {
            expected += cost.seconds(c) * switch (c.kind()) {
                case TRAIN -> 3.0;
                case EVAL -> 0.5;
                default -> overall;
            };
        }
        assertEquals(expected, pace.remaining(rest, cost), 1e-6 * expected);
    }
}
