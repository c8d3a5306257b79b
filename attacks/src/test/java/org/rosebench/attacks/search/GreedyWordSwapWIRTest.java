package org.rosebench.attacks.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackExample;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.ToySentimentVictim;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.transform.WordSwapFromLexicon;

/**
 * "not great good" (label 1) under the toy victim: s = -great + good = -2 + 3 = 1, correctly positive.
 * "not" is a stopword; great → brilliant (7), good → nice (2.5). Every expectation below is worked out from
 * s (success when s <= 0; the score 1 - sigmoid(s) grows as s falls).
 */
class GreedyWordSwapWIRTest {

    private static final AttackExample EXAMPLE = AttackExample.single("ex", "not great good", 1);
    private static final Map<String, List<String>> LEXICON = Map.of("great", List.of("brilliant"), "good", List.of("nice"));

    private static Attack attack(ToySentimentVictim victim, WirMethod wir, AttackOptions options) {
        return Attack.builder()
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(new WordSwapFromLexicon(LEXICON))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(Set.of("not"), "test"))
                .search(new GreedyWordSwapWIR(wir))
                .options(options)
                .build();
    }

    private static AttackResult run(WirMethod wir) {
        return attack(ToySentimentVictim.standard(), wir, AttackOptions.defaults()).attack(EXAMPLE);
    }

    @Test
    void deleteRanking() {
        // delete great -> "not good" s=-3; delete good -> "not great" s=-2: great ranks first.
        // great -> "not brilliant good": s = -7 + 3 = -4, success. Queries: 1 + 2 + 1.
        ToySentimentVictim victim = ToySentimentVictim.standard();
        AttackResult r = attack(victim, WirMethod.DELETE, AttackOptions.defaults()).attack(EXAMPLE);
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant good", r.perturbedText());
        assertEquals(4, r.numQueries());
        assertEquals(4, r.totalQueries());
        assertEquals(List.of(1), r.perturbedWordIndices());
        // deleting the last word keeps the space before it, as TextAttack's generate_new_attacked_text does
        assertEquals(List.of("not great good", "not good", "not great ", "not brilliant good"), victim.received());
    }

    @Test
    void unkRanking() {
        // unk great -> "not [UNK] good" s=3; unk good -> "not great [UNK]" s=-2: good ranks first.
        // good -> "not great nice" s=0.5: better, not yet a success; great -> "not brilliant nice" s=-4.5.
        AttackResult r = run(WirMethod.UNK);
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant nice", r.perturbedText());
        assertEquals(5, r.numQueries());
        assertEquals(List.of(1, 2), r.perturbedWordIndices());
        assertEquals(2, r.numWordsChanged());
    }

    @Test
    void weightedSaliencyRanking() {
        // saliencies (unk scores): great 1-sigmoid(3) = 0.0474, good 1-sigmoid(-2) = 0.8808
        // softmax -> 0.3029, 0.6971; best swap scores: great 1-sigmoid(-4) = 0.9820, good 1-sigmoid(0.5) = 0.3775
        // importance: great 0.2975 > good 0.2632, so great goes first and succeeds at once.
        ToySentimentVictim victim = ToySentimentVictim.standard();
        AttackResult r = attack(victim, WirMethod.WEIGHTED_SALIENCY, AttackOptions.defaults()).attack(EXAMPLE);
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not brilliant good", r.perturbedText());
        // 1 initial + 2 unk + 2 swap probes + 1 in the walk (the same text as a probe: counted, but cached)
        assertEquals(6, r.numQueries());
        assertEquals(5, victim.received().size());
    }

    @Test
    void rankingOrdersByImportance() {
        GreedyWordSwapWIR wir = new GreedyWordSwapWIR(WirMethod.UNK);
        assertEquals("greedy-word-swap-wir (unk, replacement \"[UNK]\")", wir.describe());
        double[] soft = GreedyWordSwapWIR.softmaxAsFloat(new double[] {ToySentimentVictim.score(3, 1),
            ToySentimentVictim.score(-2, 1)});
        assertEquals(0.3029, soft[0], 1e-4);
        assertEquals(0.6971, soft[1], 1e-4);
    }

    @Test
    void queryBudgetStopsTheSearch() {
        // Budget 4 with unk: 1 + 2 ranking + 1 ("not great nice", accepted) = 4, then the search is over.
        AttackResult r = attack(ToySentimentVictim.standard(), WirMethod.UNK, AttackOptions.defaults().withQueryBudget(4))
                .attack(EXAMPLE);
        assertEquals(AttackStatus.FAILED, r.status());
        assertEquals("not great nice", r.perturbedText());
        assertEquals(4, r.numQueries());
        assertEquals(4, r.totalQueries());
    }

    @Test
    void budgetSpentWhileRankingReportsTheInitialQueryCount() {
        // Budget 3 with delete: the ranking gets 2 queries and exhausts it; TextAttack then returns the
        // initial result, whose num_queries is 1.
        ToySentimentVictim victim = ToySentimentVictim.standard();
        AttackResult r = attack(victim, WirMethod.DELETE, AttackOptions.defaults().withQueryBudget(3)).attack(EXAMPLE);
        assertEquals(AttackStatus.FAILED, r.status());
        assertEquals("not great good", r.perturbedText());
        assertEquals(1, r.numQueries());
        assertEquals(3, r.totalQueries());
        assertEquals(3, victim.received().size());
    }

    @Test
    void misclassifiedOriginalIsSkipped() {
        ToySentimentVictim victim = ToySentimentVictim.standard();
        AttackResult r = attack(victim, WirMethod.DELETE, AttackOptions.defaults())
                .attack(AttackExample.single("neg", "not great good", 0));
        assertEquals(AttackStatus.SKIPPED, r.status());
        assertEquals("not great good", r.perturbedText());
        assertEquals(1, r.numQueries());
        assertEquals(1, victim.calls());
    }

    @Test
    void failedSearchReportsQueriesOfTheLastImprovement() {
        // Only weak swaps: good -> nice (s=0.5, accepted at query 4), great -> decent ("not decent nice",
        // s = -1.75 + 2.5 = 0.75: worse, rejected at query 5). TextAttack reports 4, the total is 5.
        Attack attack = Attack.builder()
                .victim(ToySentimentVictim.standard())
                .goal(new UntargetedClassification())
                .transformation(new WordSwapFromLexicon(Map.of("great", List.of("decent"), "good", List.of("nice"))))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(Set.of("not"), "test"))
                .search(new GreedyWordSwapWIR(WirMethod.UNK))
                .build();
        AttackResult r = attack.attack(EXAMPLE);
        assertEquals(AttackStatus.FAILED, r.status());
        assertEquals("not great nice", r.perturbedText());
        assertEquals(4, r.numQueries());
        assertEquals(5, r.totalQueries());
    }

    @Test
    void successPicksTheMostSimilarSuccessfulCandidate() {
        // great -> brilliant (s=-4) or superb (s=-1): both succeed, brilliant scores higher, but the
        // embedder puts "superb" closer to the original, so the search returns it.
        Attack attack = Attack.builder()
                .victim(ToySentimentVictim.standard())
                .goal(new UntargetedClassification())
                .transformation(new WordSwapFromLexicon(Map.of("great", List.of("brilliant", "superb"))))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(Set.of("not"), "test"))
                .constraint(new SentenceEncoderSimilarity(texts -> texts.stream()
                        .map(t -> t.contains("brilliant") ? new float[] {0.6f, 0.8f}
                                : t.contains("superb") ? new float[] {0.8f, 0.6f} : new float[] {1f, 0f})
                        .toArray(float[][]::new), 0.0, SentenceEncoderSimilarity.Metric.COSINE, true, 0, false))
                .search(new GreedyWordSwapWIR(WirMethod.DELETE))
                .build();
        AttackResult r = attack.attack(EXAMPLE);
        assertEquals(AttackStatus.SUCCEEDED, r.status());
        assertEquals("not superb good", r.perturbedText());
    }
}
