package org.rosebench.harness.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.BadInputException;

/** Exporting a run without weights: what is copied, what is left out, repeats, conflicts, dry runs. */
class RunExporterTest {

    @TempDir
    Path tmp;

    /** A run with a finished training (weights, resume state, claim), a finished eval and a running attack. */
    private Path run() throws IOException {
        Path run = tmp.resolve("run");
        write(run.resolve("config.yaml"), "name: t\n");
        write(run.resolve("plan.json"), "{\"cells\": [\"train-a\", \"eval-b\", \"attack-c\"]}\n");
        write(run.resolve("plans/0123456789abcdef.json"), "{\"cells\": [\"train-a\"]}\n");
        write(run.resolve("claims.log"), "worker log\n");
        Path train = run.resolve("cells/train-a");
        write(train.resolve("cell.json"), "{\"kind\": \"train\"}\n");
        write(train.resolve("result.json"), "{\"accuracy\": 0.9}\n");
        write(train.resolve("train.log"), "epoch 1\n");
        write(train.resolve("selection.jsonl"), "{}\n");
        write(train.resolve("last/model.safetensors"), "weights");
        write(train.resolve("resume/state.bin"), "state");
        write(train.resolve("claim.json"), "{\"owner\": \"w\"}\n");
        write(run.resolve("cells/eval-b/cell.json"), "{\"kind\": \"eval\"}\n");
        write(run.resolve("cells/eval-b/result.json"), "{\"accuracy\": 0.8}\n");
        write(run.resolve("cells/attack-c/cell.json"), "{\"kind\": \"attack\"}\n");
        write(run.resolve("cells/attack-c/claim.json"), "{\"owner\": \"w\"}\n");
        write(run.resolve("cells/attack-c/attack.jsonl"), "{\"i\": 0}\n");
        return run;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }

    @Test
    void copiesFinishedCellsWithoutWeightsResumeStateOrClaims() throws IOException {
        Path run = run();
        Path out = tmp.resolve("out");
        RunExporter.Report r = RunExporter.export(run, out, false);
        assertEquals(List.of("cells/eval-b/cell.json", "cells/eval-b/result.json", "cells/train-a/cell.json",
                "cells/train-a/result.json", "cells/train-a/selection.jsonl", "cells/train-a/train.log", "config.yaml",
                "plan.json", "plans/0123456789abcdef.json"), tree(out));
        assertEquals(List.of("eval-b", "train-a"), r.exported());
        assertEquals(List.of("attack-c"), r.unfinished());
        assertEquals(List.of("config.yaml", "plan.json", "plans/0123456789abcdef.json"), r.runFiles());
        assertEquals(List.of(), r.conflicts());
        assertEquals(Files.readString(run.resolve("cells/train-a/result.json")),
                Files.readString(out.resolve("cells/train-a/result.json")));
    }

    @Test
    void repeatingCopiesOnlyWhatFinishedMeanwhileAndNeverRewrites() throws IOException {
        Path run = run();
        Path out = tmp.resolve("out");
        RunExporter.export(run, out, false);
        long before = Files.getLastModifiedTime(out.resolve("cells/train-a/result.json")).toMillis();

        RunExporter.Report again = RunExporter.export(run, out, false);
        assertEquals(List.of(), again.exported());
        assertEquals(2, again.unchanged());
        assertEquals(List.of(), again.runFiles());

        // the attack finishes and the training gains a file; the plan is re-adopted
        write(run.resolve("cells/attack-c/result.json"), "{\"accuracy\": 0.1}\n");
        write(run.resolve("cells/train-a/extra.json"), "{}\n");
        write(run.resolve("plan.json"), "{\"cells\": [\"train-a\", \"eval-b\", \"attack-c\", \"eval-d\"]}\n");
        RunExporter.Report later = RunExporter.export(run, out, false);
        assertEquals(List.of("attack-c", "train-a"), later.exported());
        assertEquals(List.of("plan.json"), later.runFiles());
        assertTrue(Files.isRegularFile(out.resolve("cells/attack-c/attack.jsonl")));
        assertFalse(Files.exists(out.resolve("cells/attack-c/claim.json")));
        assertTrue(Files.isRegularFile(out.resolve("cells/train-a/extra.json")));
        assertEquals(before, Files.getLastModifiedTime(out.resolve("cells/train-a/result.json")).toMillis());
        try (Stream<Path> s = Files.list(out.resolve("cells"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no staging folder is left");
        }
    }

    @Test
    void aCopiedFileThatDiffersIsAConflictAndStaysAsItIs() throws IOException {
        Path run = run();
        Path out = tmp.resolve("out");
        RunExporter.export(run, out, false);
        write(out.resolve("cells/eval-b/result.json"), "{\"accuracy\": 0.5}\n");
        write(out.resolve("plans/0123456789abcdef.json"), "{}\n");

        RunExporter.Report r = RunExporter.export(run, out, false);
        assertEquals(2, r.conflicts().size(), r.conflicts().toString());
        assertTrue(r.conflicts().get(0).contains("0123456789abcdef.json: differs from"), r.conflicts().get(0));
        assertTrue(r.conflicts().get(1).endsWith("result.json: differs from " + run.resolve("cells/eval-b/result.json")
                + "; left as it is"), r.conflicts().get(1));
        assertEquals("{\"accuracy\": 0.5}\n", Files.readString(out.resolve("cells/eval-b/result.json")));
    }

    @Test
    void dryRunWritesNothingAndReportsTheSame() throws IOException {
        Path run = run();
        Path out = tmp.resolve("out");
        RunExporter.Report dry = RunExporter.export(run, out, true);
        assertFalse(Files.exists(out));
        RunExporter.Report real = RunExporter.export(run, out, false);
        assertEquals(real.exported(), dry.exported());
        assertEquals(real.runFiles(), dry.runFiles());
        assertEquals(real.bytes(), dry.bytes());
    }

    @Test
    void refusesWhatIsNotARunAndTheRunItself() throws IOException {
        Path notRun = Files.createDirectories(tmp.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunExporter.export(notRun, tmp.resolve("out"), false));
        assertTrue(e.getMessage().contains("plan.json") && e.getMessage().contains("not a run directory"),
                e.getMessage());
        Path run = run();
        assertThrows(BadInputException.class, () -> RunExporter.export(run, run, false));
        assertThrows(BadInputException.class, () -> RunExporter.export(run, run.resolve("cells/copy"), false));
    }

    @Test
    void wholeModelsHoldsBackAModelUntilItsLastCellFinishes() throws IOException {
        Path run = run(); // train-a and eval-b finished, attack-c running
        Path out = tmp.resolve("out");
        RunExporter.Report r = RunExporter.export(run, out, new RunExporter.Options(false, true));
        assertEquals(List.of(), r.exported());
        assertEquals(List.of("eval-b", "train-a"), r.heldBack());
        assertEquals(List.of("train-a: 2 of 3 cells finished"), r.incompleteModels());
        assertFalse(Files.exists(out.resolve("cells")));
        assertTrue(Files.isRegularFile(out.resolve("plan.json")), "run files are copied as always");

        write(run.resolve("cells/attack-c/result.json"), "{\"accuracy\": 0.1}\n");
        RunExporter.Report later = RunExporter.export(run, out, new RunExporter.Options(false, true));
        assertEquals(List.of("attack-c", "eval-b", "train-a"), later.exported());
        assertEquals(List.of(), later.heldBack());
        assertEquals(List.of(), later.incompleteModels());
    }

    @Test
    void wholeModelsComparesCellsCopiedBeforeInsteadOfHoldingThemBack() throws IOException {
        Path run = run();
        Path out = tmp.resolve("out");
        RunExporter.export(run, out, false); // train-a and eval-b copied while attack-c runs
        write(run.resolve("cells/eval-b/result.json"), "{\"accuracy\": 0.7}\n");
        RunExporter.Report r = RunExporter.export(run, out, new RunExporter.Options(false, true));
        assertEquals(List.of(), r.heldBack());
        assertEquals(2, r.unchanged(), "both were copied before; nothing new to add");
        assertEquals(1, r.conflicts().size(), r.conflicts().toString());
        assertEquals(List.of("train-a: 2 of 3 cells finished"), r.incompleteModels());
    }

    @Test
    void wholeModelsFollowsThePlansTrainCellAndCopiesCellsOfEarlierPlans() throws IOException {
        Path run = run();
        // train-x is listed first, but the plan names each cell's model; attack-c (unfinished) needs train-x
        write(run.resolve("plan.json"), """
                {"cells": ["train-x", "train-a", "eval-b", "attack-c"],
                 "display": {"eval-b": {"train_cell": "train-a"}, "attack-c": {"train_cell": "train-x"}}}
                """);
        write(run.resolve("cells/train-x/result.json"), "{}\n");
        write(run.resolve("cells/eval-old/result.json"), "{}\n"); // a cell of an earlier plan
        RunExporter.Report r = RunExporter.export(run, tmp.resolve("out"), new RunExporter.Options(false, true));
        assertEquals(List.of("eval-b", "eval-old", "train-a"), r.exported());
        assertEquals(List.of("train-x"), r.heldBack());
        assertEquals(List.of("train-x: 1 of 2 cells finished"), r.incompleteModels());
    }

    @Test
    void wholeModelsRefusesAPlanItCannotTieToItsCells() throws IOException {
        Path run = run();
        write(run.resolve("cells/eval-b/cell.json"), "{\"kind\": \"eval\", \"train\": \"train-z\"}\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunExporter.export(run, tmp.resolve("out"), new RunExporter.Options(false, true)));
        assertTrue(e.getMessage().contains("needs train-z") && e.getMessage().contains("after train-a"),
                e.getMessage());

        write(run.resolve("cells/eval-b/cell.json"), "{\"kind\": \"eval\",\n \"train\": }\n");
        e = assertThrows(BadInputException.class,
                () -> RunExporter.export(run, tmp.resolve("out"), new RunExporter.Options(false, true)));
        assertTrue(e.getMessage().contains(run.resolve("cells/eval-b/cell.json").toString())
                && e.getMessage().contains("not valid JSON"), e.getMessage());

        write(run.resolve("plan.json"), "{\"cells\": [\"eval-b\", \"train-a\"]}\n");
        e = assertThrows(BadInputException.class,
                () -> RunExporter.export(run, tmp.resolve("out"), new RunExporter.Options(false, true)));
        assertTrue(e.getMessage().contains("comes before any training"), e.getMessage());
        // without the option nothing needs the model of a cell
        assertEquals(List.of("eval-b", "train-a"), RunExporter.export(run, tmp.resolve("out"), false).exported());
    }
}
