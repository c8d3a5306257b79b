package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rosebench.core.landscape.LandscapeOptions;
import org.rosebench.harness.matrix.MatrixConfig.LandscapeEntry;

/** {@code landscape} entries of a config's evaluations: parsing, validation with file:line, and their cells. */
class LandscapeConfigTest {

    private static String config(String evaluations) {
        return MatrixConfigLoaderTest.VALID.replace("evaluations: [dev, advglue]", "evaluations: " + evaluations);
    }

    private static void assertError(String evaluations, String prefix, String contains) {
        ConfigException e = assertThrows(ConfigException.class, () -> MatrixConfigLoaderTest.parse(config(evaluations)));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(e.getMessage().contains(contains), e.getMessage());
    }

    @Test
    void aBareNameMeansTheDefaultsAndAMappingOverridesThem() {
        MatrixConfig c = MatrixConfigLoaderTest.parse(config("[dev, landscape]"));
        assertEquals(List.of("dev"), c.evaluations());
        assertEquals(List.of(LandscapeEntry.defaults()), c.landscapes());
        assertEquals("landscape:dev", c.landscapes().get(0).evaluation());

        MatrixConfig d = MatrixConfigLoaderTest.parse(config("""
                [dev, advglue, landscape, {landscape: {dims: 2, grid: 21, radius: 0.5, seeds: [1], methods: [Vanilla]}},
                  {landscape: {split: train, examples: 64, bias_ln: weights, epsilon: 0, seed: 7}}]"""));
        assertEquals(List.of("dev", "advglue"), d.evaluations());
        assertEquals(3, d.landscapes().size());
        LandscapeEntry plane = d.landscapes().get(1);
        assertEquals(new LandscapeOptions(2, 21, 0.5, LandscapeOptions.DIRECTIONS, LandscapeOptions.SEED,
                LandscapeOptions.BiasLn.ZERO, LandscapeOptions.EPSILON, LandscapeOptions.EPSILON_STEPS), plane.options());
        assertEquals(List.of(1L), plane.seeds());
        assertEquals(List.of("Vanilla"), plane.methods());
        assertEquals("landscape:dev:dims=2,grid=21,radius=0.5", plane.evaluation());
        assertEquals("landscape:train:examples=64,seed=7,bias_ln=weights,epsilon=0", d.landscapes().get(2).evaluation());
    }

    @Test
    void badSettingsAreNamedWithFileAndLine() {
        String at = "test.yaml:10: evaluations.1.landscape.";
        assertError("[dev, {landscape: {grid: 4}}]", at + "grid: ", "must be odd");
        assertError("[dev, {landscape: {dims: 3}}]", at + "dims: ", "1 or 2");
        assertError("[dev, {landscape: {radius: 0}}]", at + "radius: ", "> 0");
        assertError("[dev, {landscape: {radius: big}}]", at + "radius: ", "must be a number");
        assertError("[dev, {landscape: {epsilon: -1}}]", at + "epsilon: ", ">= 0");
        assertError("[dev, {landscape: {examples: 0}}]", at + "examples: ", "1..");
        assertError("[dev, {landscape: {split: advglue}}]", at + "split: ", "[dev, train]");
        assertError("[dev, {landscape: {bias_ln: random}}]", at + "bias_ln: ", "'zero' or 'weights'");
        assertError("[dev, {landscape: {colour: red}}]", at + "colour: ", "unknown setting 'colour'");
        assertError("[dev, {landscape: {seeds: [3]}}]", at + "seeds.0: ", "not one of the config's seeds [1, 2]");
        assertError("[dev, {landscape: {seeds: []}}]", at + "seeds: ", "must not be empty");
        assertError("[dev, {landscape: {methods: [Vanila]}}]", at + "methods.0: ", "no method labelled 'Vanila'");
        assertError("[dev, {landscape: [1]}]", at.substring(0, at.length() - 1) + ": ", "a mapping");
        assertError("[dev, {landscape: {}, extra: 1}]", "test.yaml:10: evaluations.1.extra: ", "unknown setting");
        assertError("[dev, landscape, {landscape: {grid: 11}}]", "test.yaml:10: evaluations.2: ", "listed twice");
        assertError("[dev, {landskape: {}}]", "test.yaml:10: evaluations.1: ", "unknown evaluation");
    }

    @Test
    void landscapeCellsFollowTheirTrainingOnlyForTheChosenSeedsAndMethods() {
        MatrixPlan all = MatrixPlan.of(MatrixConfigLoaderTest.parse(config("[dev, {landscape: {grid: 3}}]")));
        List<Cell> cells = all.cells().stream().filter(c -> c.kind() == Cell.Kind.LANDSCAPE).toList();
        assertEquals(2 * 3, cells.size(), "every seed × method");
        assertEquals("landscape:dev:grid=3 minilm-l6 sst2 Vanilla seed 1", cells.get(0).describe());
        assertTrue(cells.get(0).id().startsWith("landscape-"), cells.get(0).id());

        MatrixPlan some = MatrixPlan.of(MatrixConfigLoaderTest.parse(
                config("[dev, {landscape: {grid: 3, seeds: [2], methods: [Vanilla, ROSE-Ens]}}]")));
        List<Cell> chosen = some.cells().stream().filter(c -> c.kind() == Cell.Kind.LANDSCAPE).toList();
        assertEquals(List.of("landscape:dev:grid=3 minilm-l6 sst2 Vanilla seed 2",
                "landscape:dev:grid=3 minilm-l6 sst2 ROSE-Ens seed 2"), chosen.stream().map(Cell::describe).toList());
        // choosing seeds and methods selects cells: the chosen cells are the same runs with the same ids
        for (Cell c : chosen) {
            assertTrue(cells.stream().anyMatch(x -> x.id().equals(c.id())), c.describe());
        }
    }

    @Test
    void settingsAreInTheKeyAndNothingElseMoves() {
        MatrixPlan a = MatrixPlan.of(MatrixConfigLoaderTest.parse(config("[dev, {landscape: {grid: 3}}]")));
        MatrixPlan b = MatrixPlan.of(MatrixConfigLoaderTest.parse(config("[dev, {landscape: {grid: 5}}]")));
        MatrixPlan none = MatrixPlan.of(MatrixConfigLoaderTest.parse(config("[dev]")));
        assertEquals(a.cells().size(), b.cells().size());
        for (int i = 0; i < a.cells().size(); i++) {
            Cell x = a.cells().get(i);
            assertEquals(x.kind() == Cell.Kind.LANDSCAPE, !x.id().equals(b.cells().get(i).id()), x.describe());
        }
        List<String> withoutLandscapes = a.cells().stream().filter(c -> c.kind() != Cell.Kind.LANDSCAPE).map(Cell::id)
                .toList();
        assertEquals(none.cells().stream().map(Cell::id).toList(), withoutLandscapes,
                "adding a landscape leaves every other cell as it was");
        // an explicit default is the same run; a number's spelling does not matter
        MatrixPlan c = MatrixPlan.of(MatrixConfigLoaderTest.parse(
                config("[dev, {landscape: {grid: 3, radius: 1.00, epsilon: 1e-3, bias_ln: zero}}]")));
        assertEquals(a.cells().stream().map(Cell::id).toList(), c.cells().stream().map(Cell::id).toList());
        Cell l = a.cells().stream().filter(x -> x.kind() == Cell.Kind.LANDSCAPE).findFirst().orElseThrow();
        assertEquals("1", l.key().get("radius").asText());
        assertEquals("0.001", l.key().get("epsilon").asText());
        assertNotEquals(null, l.key().get("versions").get("landscape"));
    }
}
