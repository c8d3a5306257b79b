package org.rosebench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.spi.WordEmbeddingSpace;

class CandidateAuditTest {

    /** The audit must never query the victim. */
    private static final Victim REFUSING = batch -> {
        throw new AssertionError("the audit queried the victim");
    };

    /**
     * TextFooler over fake backends: "goodly" is far from "good" (cosine 0.1) and tagged ADV like "grand", every other
     * word ADJ, so "grand" fails part-of-speech only and "goodly" fails word-embedding-distance first and part-of-speech
     * too; the constant sentence embedder passes everything.
     */
    private static AttackResources resources() {
        WordEmbeddingSpace cosine = (a, b) -> OptionalDouble.of(a.equals("goodly") || b.equals("goodly") ? 0.1 : 0.8);
        PosTagger tagger = words -> {
            List<String> tags = new ArrayList<>();
            for (String w : words) {
                tags.add(w.equals("grand") || w.equals("goodly") ? "ADV" : "ADJ");
            }
            return tags;
        };
        return AttackResources.builder()
                .neighbourIndex(FakeBackends.neighbours(Map.of("great", List.of("brilliant", "grand"),
                        "good", List.of("nice", "goodly"))))
                .wordEmbeddings(cosine)
                .posTagger(tagger)
                .sentenceEmbedder(FakeBackends.constantEmbedder())
                .build();
    }

    private static Map<String, String> verdicts(CandidateAudit.Word w) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CandidateAudit.Candidate c : w.candidates()) {
            out.put(c.text(), c.verdict());
        }
        return out;
    }

    @Test
    void firstRejectingConstraintIsNamedAndStopwordsGetNoCandidates() {
        Attack attack = Recipes.get("textfooler").build(REFUSING, resources(), RecipeParams.defaults());
        CandidateAudit.Result r = CandidateAudit.of(attack, List.of("text"), List.of("the great good film"));
        assertEquals(4, r.words().size());
        CandidateAudit.Word the = r.words().get(0);
        assertEquals("stopword-modification", the.preTransformation());
        assertTrue(the.candidates().isEmpty());
        CandidateAudit.Word great = r.words().get(1);
        assertNull(great.preTransformation());
        assertEquals(Map.of("brilliant", "accepted", "grand", "part-of-speech"), verdicts(great));
        CandidateAudit.Word good = r.words().get(2);
        assertEquals(Map.of("nice", "accepted", "goodly", "word-embedding-distance"), verdicts(good));
        // the sentence encoder scored the candidates that reached it
        assertTrue(great.candidates().stream().filter(c -> c.text().equals("brilliant")).findFirst().orElseThrow()
                .similarity().isPresent());
        CandidateAudit.Word film = r.words().get(3);
        assertNull(film.preTransformation());
        assertTrue(film.candidates().isEmpty());
        assertEquals(List.of(new CandidateAudit.Segment("text", true)), r.segments());
        CandidateAudit.Candidate brilliant = great.candidates().get(0);
        assertEquals("the brilliant good film", brilliant.candidate().text());
    }

    @Test
    void textFoolerLeavesThePremiseOfAPremiseHypothesisPairUnattacked() {
        Attack attack = Recipes.get("textfooler").build(REFUSING, resources(), RecipeParams.defaults());
        CandidateAudit.Result r = CandidateAudit.of(attack, List.of("premise", "hypothesis"),
                List.of("the great film", "a good film"));
        assertEquals(List.of(new CandidateAudit.Segment("premise", false), new CandidateAudit.Segment("hypothesis", true)),
                r.segments());
        assertEquals("premise", r.words().get(1).segment());
        assertEquals("input-column-modification", r.words().get(1).preTransformation());
        assertTrue(r.words().get(1).candidates().isEmpty());
        // a frozen stopword is named by the first pre-transformation constraint, as the attack applies them
        assertEquals("stopword-modification", r.words().get(0).preTransformation());
        CandidateAudit.Word good = r.words().get(4);
        assertEquals("hypothesis", good.segment());
        assertEquals(Map.of("nice", "accepted", "goodly", "word-embedding-distance"), verdicts(good));
    }

    @Test
    void otherColumnNamesAreAttackedOnBothSides() {
        Attack attack = Recipes.get("textfooler").build(REFUSING, resources(), RecipeParams.defaults());
        CandidateAudit.Result r = CandidateAudit.of(attack, List.of("sentence1", "sentence2"),
                List.of("the great film", "a good film"));
        assertTrue(r.segments().stream().allMatch(CandidateAudit.Segment::attacked));
        assertEquals(Map.of("brilliant", "accepted", "grand", "part-of-speech"), verdicts(r.words().get(1)));
        assertFalse(r.words().get(1).candidates().isEmpty());
    }
}
