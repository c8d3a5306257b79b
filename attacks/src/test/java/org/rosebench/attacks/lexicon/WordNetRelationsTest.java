package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.lexicon.WordRelations.Relation;

/** WordNet 3.0's relations as the audit and the expanded antonym constraints read them (pairs checked in WordNet). */
class WordNetRelationsTest {

    private static final WordNetRelations WN = WordNetRelations.shared();

    private static boolean has(String a, String b, Relation r) {
        return Relation.of(WN.relations(a, b)).contains(r);
    }

    @Test
    void antonymsReachSatellitesAndSynsetsOfTheAntonym() {
        assertTrue(has("good", "bad", Relation.ANTONYM)); // direct pointer
        assertTrue(has("literate", "unlettered", Relation.ANTONYM)); // a satellite of illiterate
        assertTrue(has("unlettered", "literate", Relation.ANTONYM)); // from the satellite's side, through its head
        assertTrue(has("increase", "diminish", Relation.ANTONYM)); // a synset co-member of decrease
        assertTrue(has("increasing", "decreased", Relation.ANTONYM)); // inflections stand for their base forms
        assertFalse(has("movie", "film", Relation.ANTONYM));
    }

    @Test
    void otherRelations() {
        assertTrue(has("movies", "films", Relation.SYNONYM));
        assertTrue(has("movie", "movies", Relation.INFLECTION));
        assertTrue(has("dog", "canine", Relation.HYPERNYM));
        assertTrue(has("canine", "dog", Relation.HYPERNYM));
        assertTrue(has("wet", "damp", Relation.SIMILAR_TO));
        assertTrue(has("happy", "happiness", Relation.DERIVATION));
        assertEquals(0, WN.relations("movie", "quickly"));
        assertTrue(WN.synonyms("movie").contains("film"));
        assertTrue(WN.synonyms("movies").isEmpty(), "synonyms are defined for lemmas only");
    }

    /** Enumerates every synset of WordNet (about 50 s on a shared two-core machine). */
    @org.junit.jupiter.api.Tag("slow")
    @Test
    void expandedAntonymPairsForCounterFitting() {
        Set<String> vocabulary = Set.of("good", "bad", "literate", "unlettered", "illiterate", "movie", "film",
                "increase", "diminish", "decrease", "increased", "decreased");
        List<WordPair> pairs = WN.antonymPairs(vocabulary, true);
        assertTrue(pairs.contains(WordPair.of("good", "bad")));
        assertTrue(pairs.contains(WordPair.of("literate", "unlettered")));
        assertTrue(pairs.contains(WordPair.of("literate", "illiterate")));
        assertTrue(pairs.contains(WordPair.of("increase", "diminish")));
        // carried over to inflections made by the same rule (ed -> e)
        assertTrue(pairs.contains(WordPair.of("increased", "decreased")));
        assertFalse(pairs.contains(WordPair.of("movie", "film")));
        // the lexical pointers alone miss the expanded pairs
        List<WordPair> lexical = WordNetSynonyms.shared().antonymPairs(vocabulary, true);
        assertFalse(lexical.contains(WordPair.of("literate", "unlettered")));
        assertTrue(pairs.containsAll(lexical), lexical + " not all in " + pairs);
    }
}
