package org.rosebench.harness.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The parts of one {@code cells/<cell>/result.json} (docs/result-store.md) that tables, statistics and plots read.
 *
 * @param file         the result.json it came from (for error messages)
 * @param kind         {@code train}, {@code eval}, {@code attack} or {@code landscape}
 * @param cell         this cell's id
 * @param trainCell    the train cell's id
 * @param model        model name
 * @param task         task name, e.g. {@code sst2}
 * @param method       method spec, e.g. {@code r3f+rose-ensemble}
 * @param methodLabel  display name (the spec when the row has none)
 * @param methodOrder  position in the config's method list
 * @param seed         training seed
 * @param evaluation   {@code dev}, {@code advglue}, …, {@code attack:<recipe>:<split>} or
 *                     {@code landscape:<split>[:settings]}; null for train rows
 * @param metrics      long-format metrics in percent (attack counts and queries as they are); empty for train rows
 * @param outcomes     per-example success for paired tests; null when the row has none
 * @param selectionLog absolute path of ROSE's selection.jsonl; null when the method selects nothing
 * @param trainData    the kind of training file the model learned from ({@code official}, {@code subset}); null
 *                     for rows written before rows recorded it
 * @param expectedSeeds the seeds the row's table should have when the plan ran it on only some seeds (a landscape
 *                     entry's {@code seeds}); null: the config's seeds
 */
public record ResultRow(Path file, String kind, String cell, String trainCell, String model, String task,
        String method, String methodLabel, int methodOrder, long seed, String evaluation, Map<String, Double> metrics,
        ExampleOutcomes outcomes, Path selectionLog, String trainData, List<Long> expectedSeeds) {

    public static final String TRAIN = "train";
    public static final String EVAL = "eval";
    public static final String ATTACK = "attack";
    public static final String LANDSCAPE = "landscape";

    public ResultRow {
        metrics = Map.copyOf(metrics);
        expectedSeeds = expectedSeeds == null ? null : List.copyOf(expectedSeeds);
    }

    /** A row whose table expects the config's seeds. */
    public ResultRow(Path file, String kind, String cell, String trainCell, String model, String task, String method,
            String methodLabel, int methodOrder, long seed, String evaluation, Map<String, Double> metrics,
            ExampleOutcomes outcomes, Path selectionLog, String trainData) {
        this(file, kind, cell, trainCell, model, task, method, methodLabel, methodOrder, seed, evaluation, metrics,
                outcomes, selectionLog, trainData, null);
    }

    public static final String SUBSET = "subset";

    /** Identity of the result: two rows with the same key are the same measurement. */
    public String key() {
        return kind + " " + model + "/" + task + "/" + method + " seed " + seed
                + (evaluation == null ? "" : " " + evaluation);
    }
}
