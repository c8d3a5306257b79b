package org.rosebench.attacks.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.FakeBackends.FakeMlm;
import org.rosebench.attacks.spi.RankedToken;
import org.rosebench.attacks.text.AttackedText;

class WordSwapMaskedLMTest {

    private static final List<String> VOCAB = List.of("[CLS]", "[SEP]", "[MASK]", "well", "##being", "##ness",
            "e.g", "nice", "##ly", "good", ",", "1990", "the", "great");

    private static List<String> texts(List<AttackedText> candidates) {
        List<String> out = new ArrayList<>();
        for (AttackedText t : candidates) {
            out.add(t.text());
        }
        return out;
    }

    private static RankedToken ranked(FakeMlm mlm, String token, double p) {
        return new RankedToken(mlm.id(token), token, (float) p);
    }

    @Test
    void baeKeepsOneWordTokensThenDropsTheOriginalAndLetterlessOnes() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of());
        mlm.baeRanking(List.of(ranked(mlm, "the", 0.3), ranked(mlm, ",", 0.2), ranked(mlm, "##ly", 0.1),
                ranked(mlm, "1990", 0.1), ranked(mlm, "great", 0.1), ranked(mlm, "nice", 0.05)));
        WordSwapMaskedLM swap = WordSwapMaskedLM.bae(mlm, 4, 0.0, 200);
        // the four kept: the, ly (marker stripped), 1990, great; "," is punctuation only
        AttackedText t = AttackedText.of("a great day");
        assertEquals(List.of("a the day", "a ly day"), texts(swap.transform(t, new TreeSet<>(List.of(1)))));
        assertEquals(List.of(List.of("a [MASK] day")), mlm.rankedBatches());
    }

    @Test
    void baeWalksTheWholeVocabularyWhenThePoolLeavesTooFewWords() {
        // TextAttack walks the whole ranking until max_candidates words pass; the first pool of 3 has none
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of());
        mlm.baeRanking(List.of(ranked(mlm, ",", 0.3), ranked(mlm, "##ly", 0.2), ranked(mlm, "1990", 0.1),
                ranked(mlm, "nice", 0.1), ranked(mlm, "good", 0.1), ranked(mlm, "the", 0.05)));
        WordSwapMaskedLM swap = WordSwapMaskedLM.bae(mlm, 3, 0.0, 3);
        AttackedText t = AttackedText.of("a great day");
        // kept while walking: ly, 1990, nice (3 reached); "1990" has no letter and is dropped afterwards
        assertEquals(List.of("a ly day", "a nice day"), texts(swap.transform(t, new TreeSet<>(List.of(1)))));
        assertEquals(List.of(List.of("a [MASK] day"), List.of("a [MASK] day")), mlm.rankedBatches());

        FakeMlm enough = new FakeMlm(VOCAB, Map.of());
        enough.baeRanking(List.of(ranked(enough, "nice", 0.3), ranked(enough, "good", 0.2), ranked(enough, ",", 0.1),
                ranked(enough, "the", 0.1)));
        WordSwapMaskedLM two = WordSwapMaskedLM.bae(enough, 2, 0.0, 3);
        assertEquals(List.of("a nice day", "a good day"), texts(two.transform(t, new TreeSet<>(List.of(1)))));
        assertEquals(1, enough.rankedBatches().size(), "the pool sufficed: no second ranking");
    }

    @Test
    void baeStopsBelowTheMinimumConfidence() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of());
        mlm.baeRanking(List.of(ranked(mlm, "nice", 0.5), ranked(mlm, "good", 0.001), ranked(mlm, "the", 0.0005)));
        WordSwapMaskedLM swap = WordSwapMaskedLM.bae(mlm, 50, 0.01, 200);
        assertEquals(List.of("nice"), swap.baeTopWords(mlm.rankAtMask(List.of("[MASK]"), 200).get(0)));
    }

    @Test
    void bertAttackSingleSubTokenWordTakesWholeWordTokens() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of());
        mlm.topIds(mlm.id("nice"), mlm.id("##ly"), mlm.id("good"), mlm.id("e.g"), mlm.id("the"));
        WordSwapMaskedLM swap = WordSwapMaskedLM.bertAttack(mlm, 5, true);
        AttackedText t = AttackedText.of("a good day");
        assertEquals(List.of("a nice day", "a the day"), texts(swap.transform(t, new TreeSet<>(List.of(1)))));
        // one pass over the unmasked text
        assertEquals(List.of("a good day"), mlm.predictedTexts());
    }

    /**
     * "unkind" is two sub-tokens at positions 2 and 3 of "[CLS] so un ##kind today [SEP]". Top ids everywhere:
     * well, ##being, ##ness. Costs -log p: position 2 {0.1, 0.3, 0.4}, position 3 {0.1, 0.2, 5}.
     * Perplexity order: wellwell 0.2, wellbeing 0.3, beingwell 0.4, nesswell 0.5, ... wellness 5.1.
     * Product order: wellwell, wellbeing, wellness, ...
     */
    private static FakeMlm twoPieceMlm() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of("unkind", 2));
        mlm.topIds(mlm.id("well"), mlm.id("##being"), mlm.id("##ness"));
        mlm.logProb(2, "well", -0.1f).logProb(2, "##being", -0.3f).logProb(2, "##ness", -0.4f);
        mlm.logProb(3, "well", -0.1f).logProb(3, "##being", -0.2f).logProb(3, "##ness", -5f);
        return mlm;
    }

    @Test
    void bertAttackMultiSubTokenWordTakesLowestPerplexityCombinations() {
        FakeMlm mlm = twoPieceMlm();
        WordSwapMaskedLM swap = WordSwapMaskedLM.bertAttack(mlm, 3, true);
        assertEquals(List.of("wellwell", "wellbeing", "beingwell"),
                swap.combinationWords(mlm.predict("so unkind today", 3), 2, 4));
        AttackedText t = AttackedText.of("so unkind today");
        assertEquals(List.of("so wellwell today", "so wellbeing today", "so beingwell today"),
                texts(swap.transform(t, new TreeSet<>(List.of(1)))));
    }

    @Test
    void textAttacksUnsortedBugKeepsProductOrder() {
        FakeMlm mlm = twoPieceMlm();
        WordSwapMaskedLM swap = WordSwapMaskedLM.bertAttack(mlm, 3, false);
        assertEquals(List.of("wellwell", "wellbeing", "wellness"),
                swap.combinationWords(mlm.predict("so unkind today", 3), 2, 4));
    }

    /**
     * TextAttack v0.3.10: {@code itertools.product(*top_preds)} varies the last position fastest, and the first K
     * one-word joins are kept. With top ids [well, ##being] at each of three positions (K = 2 per position, K = 5
     * words): (well, well, well), (well, well, ##being), (well, ##being, well), (well, ##being, ##being),
     * (##being, well, well), ... joined with "##" removed.
     */
    @Test
    void productOrderVariesTheLastPositionFastest() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of("unkindly", 3));
        mlm.topIds(mlm.id("well"), mlm.id("##being"));
        WordSwapMaskedLM swap = WordSwapMaskedLM.bertAttack(mlm, 5, false);
        assertEquals(List.of("wellwellwell", "wellwellbeing", "wellbeingwell", "wellbeingbeing", "beingwellwell"),
                swap.combinationWords(mlm.predict("so unkindly today", 5), 2, 5));
    }

    @Test
    void combinationsThatAreNotOneWordAreDropped() {
        FakeMlm mlm = new FakeMlm(VOCAB, Map.of("unkind", 2));
        mlm.topIds(mlm.id("well"), mlm.id("e.g"));
        for (WordSwapMaskedLM swap : List.of(WordSwapMaskedLM.bertAttack(mlm, 2, true),
                WordSwapMaskedLM.bertAttack(mlm, 2, false))) {
            assertEquals(List.of("wellwell"), swap.combinationWords(mlm.predict("so unkind today", 2), 2, 4));
        }
    }

    @Test
    void perplexityIsExpOfMeanNegativeLogProbability() {
        FakeMlm mlm = twoPieceMlm();
        double ppl = WordSwapMaskedLM.perplexity(mlm.predict("so unkind today", 3), 2,
                new int[] {mlm.id("well"), mlm.id("##being")});
        assertEquals(Math.exp((0.1 + 0.2) / 2), ppl, 1e-6);
    }

    @Test
    void wordsPastTheTruncationPointGetNoCandidates() {
        FakeMlm mlm = twoPieceMlm().maxLength(3);
        WordSwapMaskedLM swap = WordSwapMaskedLM.bertAttack(mlm, 3, true);
        assertTrue(swap.transform(AttackedText.of("so unkind today"), new TreeSet<>(List.of(1))).isEmpty());
    }

    @Test
    void punctuationAndLetters() {
        assertTrue(WordSwapMaskedLM.isPunctuationOnly(",.!"));
        assertTrue(WordSwapMaskedLM.isPunctuationOnly(""));
        assertTrue(!WordSwapMaskedLM.isPunctuationOnly("a,"));
        assertTrue(WordSwapMaskedLM.hasAsciiLetter("x1"));
        assertTrue(!WordSwapMaskedLM.hasAsciiLetter("1990"));
    }
}
