package org.rosebench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.io.AttackFileHeader;
import org.rosebench.attacks.io.ResultFiles;
import org.rosebench.attacks.search.GreedyWordSwapWIR;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.transform.WordSwapFromLexicon;

class AttackRunnerTest {

    @TempDir
    Path dir;

    private static Attack attack(ToySentimentVictim victim) {
        return Attack.builder()
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(new WordSwapFromLexicon(Map.of("great", List.of("brilliant"), "good", List.of("nice"))))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(Set.of("not"), "test"))
                .search(new GreedyWordSwapWIR(WirMethod.DELETE))
                .build();
    }

    private static final List<AttackExample> EXAMPLES = List.of(
            AttackExample.single("a", "not great good", 1), // succeeds
            AttackExample.single("b", "not great good", 0), // skipped
            AttackExample.single("c", "great, \"quoted\" good", 1)); // s = 5: swaps reach 4.5 and 9.5, fails

    @Test
    void writesEveryResultAndResumes() throws Exception {
        Path jsonl = dir.resolve("out/results.jsonl");
        Path csv = dir.resolve("out/results.csv");
        List<AttackProgress> progress = new ArrayList<>();
        AttackProgressListener listener = new AttackProgressListener() {
            @Override
            public void resultWritten(AttackResult result, AttackProgress p) {
                progress.add(p);
            }
        };
        ToySentimentVictim victim = ToySentimentVictim.standard();
        List<AttackResult> first = new AttackRunner(attack(victim)).jsonl(jsonl).csv(csv).listener(listener)
                .run(EXAMPLES.subList(0, 2));
        assertEquals(2, first.size());
        assertEquals(2, Files.readAllLines(jsonl).size());
        assertEquals(new AttackProgress(1, 0, 1, 2, 5, progress.get(1).elapsedSeconds()), progress.get(1));

        ToySentimentVictim second = ToySentimentVictim.standard();
        List<AttackResult> all = new AttackRunner(attack(second)).jsonl(jsonl).csv(csv).resume(true).run(EXAMPLES);
        assertEquals(List.of("a", "b", "c"), all.stream().map(AttackResult::exampleId).toList());
        assertEquals(AttackStatus.FAILED, all.get(2).status());
        // only "c" is attacked: delete ranking good (s=2), great (3), quoted (5); good -> nice (4.5) accepted,
        // great -> brilliant (9.5) rejected, "quoted" has no swaps
        assertEquals(List.of("great, \"quoted\" good", ", \"quoted\" good", "great, \"\" good", "great, \"quoted\" ",
                "great, \"quoted\" nice", "brilliant, \"quoted\" nice"), second.received());
        assertEquals(5, all.get(2).numQueries());
        assertEquals(6, all.get(2).totalQueries());

        List<AttackResult> reread = ResultFiles.readJsonl(jsonl);
        assertEquals(3, reread.size());
        assertEquals("not brilliant good", reread.get(0).perturbedText());
        assertEquals(first.get(0).numQueries(), reread.get(0).numQueries());
        assertEquals(java.util.Arrays.toString(first.get(1).originalProbabilities()),
                java.util.Arrays.toString(reread.get(1).originalProbabilities()));
        AttackSummary summary = AttackSummary.of(reread);
        assertEquals(1, summary.succeeded());
        assertEquals(1, summary.failed());
        assertEquals(1, summary.skipped());

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("example_id,original_text,perturbed_text,original_score"), lines.get(0));
        assertEquals(4, lines.size()); // header + 3 rows (texts have no newlines)
        assertTrue(lines.get(1).contains(",Successful,"), lines.get(1));
        assertTrue(lines.get(3).contains("\"great, \"\"quoted\"\" good\""), lines.get(3));
    }

    @Test
    void tornLastLineIsDroppedOnResume() throws Exception {
        Path jsonl = dir.resolve("torn.jsonl");
        new AttackRunner(attack(ToySentimentVictim.standard())).jsonl(jsonl).run(EXAMPLES.subList(0, 1));
        Files.writeString(jsonl, "{\"exampleId\":\"b\",\"sta", java.nio.file.StandardOpenOption.APPEND);
        List<AttackResult> all = new AttackRunner(attack(ToySentimentVictim.standard())).jsonl(jsonl).resume(true)
                .run(EXAMPLES.subList(0, 2));
        assertEquals(2, all.size());
        assertEquals(2, ResultFiles.readJsonl(jsonl).size());
    }

    @Test
    void interleavedWritesInTheMiddleOfTheFileAreRefusedNotSkipped() throws Exception {
        Path jsonl = dir.resolve("interleaved.jsonl");
        new AttackRunner(attack(ToySentimentVictim.standard())).jsonl(jsonl).run(EXAMPLES.subList(0, 2));
        List<String> lines = Files.readAllLines(jsonl);
        // what two unsynchronised writers leave: one record cut into by another, followed by more records
        String mixed = lines.get(0).substring(0, 20) + lines.get(1) + lines.get(0).substring(20);
        Files.writeString(jsonl, mixed + "\n" + lines.get(1) + "\n");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new AttackRunner(attack(ToySentimentVictim.standard())).jsonl(jsonl).resume(true)
                        .run(EXAMPLES.subList(0, 3)));
        assertTrue(e.getMessage().contains("line 1 is not a result"), e.getMessage());
        assertEquals(mixed + "\n" + lines.get(1) + "\n", Files.readString(jsonl), "the file is left as it was");
    }

    private static AttackFileHeader header(String recipe, double threshold) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        // a long, as a seed is built; read back from the file it is an int and must still compare equal
        var c = json.createObjectNode().put("recipe", recipe).put("seed", 765L);
        c.putObject("parameters").put("use-threshold", threshold);
        return new AttackFileHeader(c, json.createObjectNode().put("git_commit", "abc"));
    }

    @Test
    void theHeaderIsTheFirstLineAndAResumeOfTheSameConfigurationContinues() throws Exception {
        Path jsonl = dir.resolve("h.jsonl");
        new AttackRunner(attack(ToySentimentVictim.standard())).header(header("toy", 0.5)).jsonl(jsonl).resume(true)
                .run(EXAMPLES.subList(0, 1));
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"format\":\"rose-bench-attack/1\",\"configuration\":{\"recipe\":\"toy\""),
                lines.get(0));
        assertEquals(List.of(), header("toy", 0.5).differences(ResultFiles.readHeader(jsonl).orElseThrow()));
        // provenance may differ (another commit resuming the same attack): only the configuration must match
        AttackFileHeader later = new AttackFileHeader(header("toy", 0.5).configuration(),
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("git_commit", "def"));
        List<AttackResult> all = new AttackRunner(attack(ToySentimentVictim.standard())).header(later).jsonl(jsonl)
                .resume(true).run(EXAMPLES.subList(0, 2));
        assertEquals(2, all.size());
        assertEquals(3, Files.readAllLines(jsonl).size(), "one header, two results");
        assertEquals(2, ResultFiles.readJsonl(jsonl).size());
    }

    @Test
    void resumingIntoAFileOfAnotherConfigurationIsRefusedAndTheFileIsUntouched() throws Exception {
        Path jsonl = dir.resolve("other.jsonl");
        new AttackRunner(attack(ToySentimentVictim.standard())).header(header("toy", 0.5)).jsonl(jsonl).resume(true)
                .run(EXAMPLES.subList(0, 1));
        byte[] before = Files.readAllBytes(jsonl);
        AttackConfigurationMismatch e = org.junit.jupiter.api.Assertions.assertThrows(AttackConfigurationMismatch.class,
                () -> new AttackRunner(attack(ToySentimentVictim.standard())).header(header("toy", 0.7)).jsonl(jsonl)
                        .resume(true).run(EXAMPLES));
        assertTrue(e.getMessage().contains("parameters.use-threshold: 0.7 ≠ 0.5"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(jsonl));
    }

    @Test
    void resultsWithoutAHeaderCannotBeResumedByAConfiguredRun() throws Exception {
        Path jsonl = dir.resolve("legacy.jsonl");
        new AttackRunner(attack(ToySentimentVictim.standard())).jsonl(jsonl).run(EXAMPLES.subList(0, 1));
        AttackConfigurationMismatch e = org.junit.jupiter.api.Assertions.assertThrows(AttackConfigurationMismatch.class,
                () -> new AttackRunner(attack(ToySentimentVictim.standard())).header(header("toy", 0.5)).jsonl(jsonl)
                        .resume(true).run(EXAMPLES));
        assertTrue(e.getMessage().contains("no header"), e.getMessage());
    }
}
