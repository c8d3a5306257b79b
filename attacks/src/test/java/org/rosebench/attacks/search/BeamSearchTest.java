package org.rosebench.attacks.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.ToySentimentVictim;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.transform.WordSwapFromLexicon;

/**
 * A trap for greedy search. "fine good" (fine 6, good 2.5, s = 8.5). Round 1: decent good (1.75 + 2.5 =
 * 4.25, best), fine awful (6 - 1.5 = 4.5), very good (2 × 2.5 = 5). Greedy keeps "decent good", whose only
 * continuation "decent awful" (0.25) fails. A beam of 2 also keeps "fine awful", from which "very awful"
 * (2 × -1.5 = -3) succeeds.
 */
class BeamSearchTest {

    private static final Map<String, Double> WEIGHTS = Map.of("fine", 6.0, "good", 2.5, "decent", 1.75,
            "awful", -1.5);
    private static final AttackExample EXAMPLE = AttackExample.single("trap", "fine good", 1);

    private static AttackResult run(int width) {
        return Attack.builder()
                .victim(new ToySentimentVictim(WEIGHTS))
                .goal(new UntargetedClassification())
                .transformation(new WordSwapFromLexicon(Map.of("fine", List.of("decent", "very"),
                        "good", List.of("awful"))))
                .preTransformationConstraint(new RepeatModification())
                .search(new BeamSearch(width))
                .build()
                .attack(EXAMPLE);
    }

    @Test
    void greedyFallsIntoTheTrap() {
        AttackResult r = run(1);
        assertEquals(AttackStatus.FAILED, r.status());
        assertEquals("decent awful", r.perturbedText());
        assertEquals(5, r.numQueries()); // 1 + 3 + 1
    }

    @Test
    void beamOfTwoEscapesIt() {
        AttackResult r = run(2);
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("very awful", r.perturbedText());
        // 1 + 3 + 3 ("decent awful" is reached from both beam members and queried twice)
        assertEquals(7, r.numQueries());
    }

    @Test
    void defaultWidthIsEight() {
        assertEquals("beam-search (width 8)", new BeamSearch(BeamSearch.DEFAULT_WIDTH).describe());
        assertEquals("greedy (beam search, width 1)", BeamSearch.greedy().describe());
    }
}
