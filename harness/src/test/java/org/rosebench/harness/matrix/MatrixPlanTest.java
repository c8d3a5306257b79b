package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatrixPlanTest {

    private static MatrixPlan plan(String yaml) {
        return MatrixPlan.of(MatrixConfigLoaderTest.parse(yaml));
    }

    private static List<String> ids(MatrixPlan p) {
        return p.cells().stream().map(Cell::id).toList();
    }

    @Test
    void expandsTrainCellsFollowedByTheirEvaluationsAndAttacks() {
        MatrixPlan p = plan(MatrixConfigLoaderTest.VALID);
        // 2 seeds × 3 methods train cells, each with 2 evaluations; the attack only for Vanilla
        assertEquals(2 * 3 * 3 + 2, p.cells().size());
        assertEquals(Cell.Kind.TRAIN, p.cells().get(0).kind());
        assertEquals("eval dev minilm-l6 sst2 Vanilla seed 1", p.cells().get(1).describe());
        assertEquals(Cell.Kind.ATTACK, p.cells().get(3).kind());
        assertEquals(p.cells().get(0).id(), p.cells().get(3).train().id());
        assertEquals(p.cells().size(), new HashSet<>(ids(p)).size());
    }

    @Test
    void idsDependOnResultsNotOnDisplayOrLocations() {
        List<String> base = ids(plan(MatrixConfigLoaderTest.VALID));
        assertEquals(base, ids(plan(MatrixConfigLoaderTest.VALID)), "stable across loads");
        assertEquals(base, ids(plan(MatrixConfigLoaderTest.VALID.replace("label: ROSE-First", "label: First")
                .replace("name: t", "name: renamed") + "out_dir: elsewhere\n")), "labels, names and paths do not matter");
        assertEquals(base, ids(plan(MatrixConfigLoaderTest.VALID.replace("{upper: 60}", "{upper: 60, lower: 0}"))),
                "an explicit default is the same run");
    }

    @Test
    void changingOneHyperParameterChangesOnlyItsDependents() {
        MatrixPlan a = plan(MatrixConfigLoaderTest.VALID);
        MatrixPlan b = plan(MatrixConfigLoaderTest.VALID.replace("{upper: 60}", "{upper: 70}"));
        int changed = 0;
        for (int i = 0; i < a.cells().size(); i++) {
            Cell x = a.cells().get(i);
            boolean rose = x.train().method().label().equals("ROSE-First");
            if (rose) {
                assertNotEquals(x.id(), b.cells().get(i).id(), x.describe());
                changed++;
            } else {
                assertEquals(x.id(), b.cells().get(i).id(), x.describe());
            }
        }
        assertEquals(2 * 3, changed);
        MatrixPlan c = plan(MatrixConfigLoaderTest.VALID.replace("num_examples: 5", "num_examples: 6"));
        for (int i = 0; i < a.cells().size(); i++) {
            assertEquals(a.cells().get(i).kind() == Cell.Kind.ATTACK, !a.cells().get(i).id().equals(c.cells().get(i).id()));
        }
    }

    @Test
    void presetsSupplyMethodParametersAndTrainerSettings() {
        Cell ens = plan(MatrixConfigLoaderTest.VALID).cells().stream()
                .filter(c -> c.train().method().label().equals("ROSE-Ens")).findFirst().orElseThrow();
        assertEquals("rose-ensemble", ens.train().spec());
        assertEquals("rose-ensemble-base-sst2", ens.train().preset());
        assertEquals(ens.train().params().get("upper"), ens.key().path("method_params").path("upper").asText());
        // the config's train block is overridden by the preset's epochs (10 in the ROSE README tables)
        assertEquals(10, ens.train().config().epochs());
        Cell first = plan(MatrixConfigLoaderTest.VALID).cells().stream()
                .filter(c -> c.train().method().label().equals("ROSE-First")).findFirst().orElseThrow();
        assertEquals(2e-4, first.train().config().learningRate());
        assertEquals(1, first.train().config().epochs());
    }

    @Test
    void shardsPartitionTheCellsAndKeepDependentsWithTheirTraining() {
        MatrixPlan p = plan(MatrixConfigLoaderTest.VALID);
        for (int n = 1; n <= 4; n++) {
            List<String> all = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                List<Cell> shard = p.shard(i, n);
                Set<String> trains = new HashSet<>();
                shard.stream().filter(c -> c.kind() == Cell.Kind.TRAIN).forEach(c -> trains.add(c.id()));
                shard.forEach(c -> assertTrue(trains.contains(c.train().id()), c.describe() + " without its training"));
                shard.forEach(c -> all.add(c.id()));
            }
            assertEquals(new HashSet<>(ids(p)), new HashSet<>(all), "shards of " + n + " cover everything");
            assertEquals(ids(p).size(), all.size(), "shards of " + n + " are disjoint");
        }
        assertThrows(IllegalArgumentException.class, () -> p.shard(0, 2));
        assertThrows(IllegalArgumentException.class, () -> p.shard(3, 2));
    }

    @Test
    void identicalRunsUnderTwoLabelsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(MatrixConfigLoaderTest.VALID
                .replace("{label: ROSE-Ens, preset: \"rose-ensemble-base-{task}\"}", "{label: Plain, spec: vanilla}")));
        assertTrue(e.getMessage().contains("same run"), e.getMessage());
    }
}
