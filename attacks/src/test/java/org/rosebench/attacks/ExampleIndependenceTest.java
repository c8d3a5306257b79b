package org.rosebench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.constraint.CachedSentenceEmbedder;
import org.rosebench.attacks.constraint.RecordingEmbedder;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.search.GreedyWordSwapWIR;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.transform.WordSwapFromLexicon;

/**
 * An example's attack must not depend on the examples attacked before it: a resumed attack starts in the middle of
 * the list. TextFooler's window cache is the state that could carry over; the attack clears it per example.
 */
class ExampleIndependenceTest {

    private static Attack attack(SentenceEmbedder embedder) {
        return Attack.builder()
                .victim(ToySentimentVictim.standard())
                .goal(new UntargetedClassification())
                .transformation(new WordSwapFromLexicon(Map.of("great", List.of("brilliant"), "good", List.of("nice"))))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(Set.of("not"), "test"))
                .constraint(new SentenceEncoderSimilarity(new CachedSentenceEmbedder(embedder), 0.0,
                        SentenceEncoderSimilarity.Metric.ANGULAR, false, 2, false))
                .search(new GreedyWordSwapWIR(WirMethod.DELETE))
                .build();
    }

    @Test
    void anExampleEmbedsTheSameWindowsWhateverRanBeforeIt() {
        AttackExample first = AttackExample.single("a", "not great good", 1);
        AttackExample same = AttackExample.single("b", "not great good", 1); // the same windows as the first

        RecordingEmbedder alone = new RecordingEmbedder();
        AttackResult resumed = attack(alone).attack(same);
        assertFalse(alone.calls.isEmpty(), "the constraint embeds windows");

        RecordingEmbedder afterOther = new RecordingEmbedder();
        Attack attack = attack(afterOther);
        attack.attack(first);
        int before = afterOther.calls.size();
        AttackResult uninterrupted = attack.attack(same);
        assertEquals(alone.calls, afterOther.calls.subList(before, afterOther.calls.size()),
                "the second example starts with nothing cached, as it does when a resumed attack starts with it");
        assertEquals(resumed.status(), uninterrupted.status());
        assertEquals(resumed.perturbedTexts(), uninterrupted.perturbedTexts());
        assertEquals(resumed.totalQueries(), uninterrupted.totalQueries());
    }
}
