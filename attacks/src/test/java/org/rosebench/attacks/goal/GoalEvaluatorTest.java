package org.rosebench.attacks.goal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.ToySentimentVictim;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.text.AttackedText;

class GoalEvaluatorTest {

    private static List<AttackedText> texts(String... s) {
        List<AttackedText> out = new ArrayList<>();
        for (String t : s) {
            out.add(AttackedText.of(t));
        }
        return out;
    }

    @Test
    void repeatedTextsAreCountedButNotResent() {
        ToySentimentVictim victim = ToySentimentVictim.standard();
        GoalEvaluator ev = new GoalEvaluator(new UntargetedClassification(), victim, 32, 0, 1000);
        ev.initialize(AttackedText.of("good"), 1);
        Evaluation e = ev.evaluate(texts("great", "good", "great", "nice"));
        assertEquals(4, e.results().size());
        assertEquals(5, ev.numQueries());
        assertEquals(List.of("good", "great", "nice"), victim.received());
        assertEquals(e.results().get(0).score(), e.results().get(2).score());
        assertEquals(5, e.results().get(3).numQueries());
        ev.evaluate(texts("nice"));
        assertEquals(6, ev.numQueries());
        assertEquals(3, victim.received().size());
    }

    @Test
    void withoutCacheEveryQueryReachesTheVictimButDuplicatesInOneBatchGoOnce() {
        ToySentimentVictim victim = ToySentimentVictim.standard();
        GoalEvaluator ev = new GoalEvaluator(new UntargetedClassification(), victim, 32, 0, 0);
        ev.initialize(AttackedText.of("good"), 1);
        ev.evaluate(texts("good", "good"));
        assertEquals(3, ev.numQueries());
        assertEquals(List.of("good", "good"), victim.received());
    }

    @Test
    void candidatesGoToTheVictimInModelBatches() {
        List<Integer> sizes = new ArrayList<>();
        Victim victim = batch -> {
            sizes.add(batch.size());
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[] {0.2f, 0.8f};
            }
            return out;
        };
        GoalEvaluator ev = new GoalEvaluator(new UntargetedClassification(), victim, 32, 0, 1 << 10);
        ev.initialize(AttackedText.of("start"), 1);
        List<AttackedText> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(AttackedText.of("text " + i));
        }
        ev.evaluate(many);
        assertEquals(List.of(1, 32, 32, 6), sizes);
        assertEquals(4, ev.victimCalls());
        assertEquals(71, ev.victimInputs());
    }

    @Test
    void budgetCutsTheBatchAndEndsTheSearch() {
        ToySentimentVictim victim = ToySentimentVictim.standard();
        GoalEvaluator ev = new GoalEvaluator(new UntargetedClassification(), victim, 32, 3, 100);
        ev.initialize(AttackedText.of("good"), 1);
        Evaluation first = ev.evaluate(texts("great"));
        assertFalse(first.searchOver());
        Evaluation second = ev.evaluate(texts("nice", "fine", "lovely"));
        assertEquals(1, second.results().size());
        assertTrue(second.searchOver());
        assertEquals(3, ev.numQueries());
        assertEquals(0, ev.evaluate(texts("awful")).results().size());
        assertEquals(3, ev.numQueries());
    }

    @Test
    void statusScoreAndSkip() {
        ToySentimentVictim victim = ToySentimentVictim.standard();
        GoalEvaluator ev = new GoalEvaluator(new UntargetedClassification(), victim, 32, 0, 100);
        GoalResult init = ev.initialize(AttackedText.of("good"), 1);
        assertEquals(GoalStatus.SEARCHING, init.status());
        assertEquals(ToySentimentVictim.score(3, 1), init.score(), 1e-7);
        assertEquals(1, init.predictedLabel());
        GoalResult swapped = ev.evaluate(texts("awful")).results().get(0);
        assertEquals(GoalStatus.SUCCEEDED, swapped.status());
        // s = 0 gives equal probabilities: argmax picks class 0, so the goal is met
        assertEquals(GoalStatus.SUCCEEDED, ev.evaluate(texts("neutral")).results().get(0).status());
        GoalEvaluator other = new GoalEvaluator(new UntargetedClassification(), victim, 32, 0, 100);
        assertEquals(GoalStatus.SKIPPED, other.initialize(AttackedText.of("awful"), 1).status());
    }

    @Test
    void probabilitiesAreKeptLogitsAreSoftmaxed() {
        assertArrayEquals(new float[] {0.25f, 0.75f}, GoalEvaluator.toProbabilities(new float[] {0.25f, 0.75f}));
        float[] p = GoalEvaluator.toProbabilities(new float[] {0f, (float) Math.log(3)});
        assertEquals(0.25f, p[0], 1e-6);
        assertEquals(0.75f, p[1], 1e-6);
    }

    @Test
    void pairsReachTheVictimAsTwoSegments() {
        List<TextInput> seen = new ArrayList<>();
        Victim victim = batch -> {
            seen.addAll(batch);
            return new float[][] {{0.1f, 0.9f}};
        };
        GoalEvaluator ev = new GoalEvaluator(new UntargetedClassification(), victim, 32, 0, 100);
        ev.initialize(AttackedText.of(List.of("premise", "hypothesis"), List.of("A b.", "C d.")), 1);
        assertEquals(List.of(TextInput.pair("A b.", "C d.")), seen);
    }

    @Test
    void targetMaxScoreGoal() {
        UntargetedClassification kuleshov = new UntargetedClassification(0.7);
        assertFalse(kuleshov.isGoalComplete(new float[] {0.2f, 0.8f}, 1));
        assertTrue(kuleshov.isGoalComplete(new float[] {0.35f, 0.65f}, 1));
    }
}
