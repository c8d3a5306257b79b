package org.rosebench.attacks.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.FakeBackends;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.Recipes;
import org.rosebench.attacks.ToySentimentVictim;
import org.rosebench.attacks.spi.TextInput;

/** Timing decorators change nothing but the clocks: same results, every component call counted. */
class TimedBackendsTest {

    private static AttackResources resources() {
        return AttackResources.builder()
                .neighbourIndex(FakeBackends.neighbours(Map.of("great", List.of("brilliant"), "good", List.of("nice"))))
                .wordEmbeddings(FakeBackends.constantCosine(0.8, List.of("great", "good", "brilliant", "nice")))
                .posTagger(FakeBackends.constantTagger("ADJ"))
                .sentenceEmbedder(FakeBackends.constantEmbedder())
                .build();
    }

    @Test
    void timedAttackReturnsWhatThePlainOneDoes() {
        // long enough (15+ words) for the sentence encoder to be consulted
        AttackExample ex = AttackExample.single("x",
                "not great good and then some more words to make this text long enough for the window", 1);
        AttackResult plain = Recipes.get("textfooler").build(ToySentimentVictim.standard(), resources(),
                RecipeParams.defaults()).attack(ex);
        TimedBackends timers = new TimedBackends();
        TimedBackends.RecordingVictim victim = timers.victim(ToySentimentVictim.standard(), true);
        AttackResult timed = Recipes.get("textfooler").build(victim, timers.resources(resources()),
                RecipeParams.defaults()).attack(ex);
        assertEquals(plain.perturbedText(), timed.perturbedText());
        assertEquals(plain.status(), timed.status());
        assertEquals(plain.totalQueries(), timed.totalQueries());
        assertArrayEquals(plain.perturbedProbabilities(), timed.perturbedProbabilities());

        assertEquals(timed.totalQueries(), timers.victim.items()); // no cache hits here
        assertTrue(timers.sentenceEncoder.calls() > 0 && timers.posTagger.calls() > 0 && timers.neighbours.calls() > 0
                && timers.wordCosine.calls() > 0, "every backend timed");
        assertEquals(0, timers.maskedLm.calls());
        TimedBackends.Recorded recorded = victim.drain();
        assertEquals(timers.victim.calls(), recorded.batches().size());
        assertEquals(timers.victim.items(), recorded.batches().stream().mapToLong(List::size).sum());
        assertEquals(recorded.batches().size(), recorded.outputs().size());
        List<TextInput> first = recorded.batches().get(0);
        assertEquals(ex.texts(), first.get(0).segments());
        assertEquals(0, victim.drain().batches().size());
    }
}
