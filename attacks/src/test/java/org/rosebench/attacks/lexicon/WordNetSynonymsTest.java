package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordNetSynonymsTest {

    private static final WordNetSynonyms WN = WordNetSynonyms.shared();

    private static void assertCleanCandidates(String word, List<String> synonyms) {
        assertFalse(synonyms.contains(word), word + " itself");
        for (String s : synonyms) {
            assertFalse(s.contains(" ") || s.contains("_"), "multi-word lemma " + s);
            assertTrue(WordNetSynonyms.isOneWord(s), s);
        }
        assertEquals(new HashSet<>(synonyms).size(), synonyms.size(), "duplicates in " + synonyms);
    }

    @Test
    void goodHasAdjectiveSynonymsInNltkOrder() {
        List<String> s = WN.synonyms("good");
        assertTrue(s.containsAll(List.of("beneficial", "estimable", "honorable", "proficient", "well")), s.toString());
        assertFalse(s.contains("in effect") || s.contains("in_effect"));
        assertCleanCandidates("good", s);
        // NLTK order: noun synsets first (good.n.02 = goodness), then adjectives, adverbs last
        assertEquals("goodness", s.get(0));
        assertEquals("soundly", s.get(s.size() - 1));
    }

    @Test
    void movieAndBad() {
        List<String> movie = WN.synonyms("movie");
        assertEquals(List.of("film", "picture", "pic", "flick"), movie);
        List<String> bad = WN.synonyms("bad");
        assertTrue(bad.containsAll(List.of("badness", "defective", "unfit", "spoiled")), bad.toString());
        assertCleanCandidates("bad", bad);
    }

    @Test
    void morphyFindsTheBaseForm() {
        assertEquals(List.of("movie", "film", "picture", "pic", "flick"), WN.synonyms("movies"));
        assertEquals(List.of("goose"), WN.morphy("geese", 'n'));
        assertEquals(List.of("saw", "see"), WN.morphy("saw", 'v'));
        assertEquals(List.of("run"), WN.morphy("running", 'v'));
        assertTrue(WN.recognises("movies"));
        assertFalse(WN.recognises("xqzzy"));
        assertTrue(WN.synonyms("xqzzy").isEmpty());
    }

    @Test
    void identityExclusionIsCaseSensitiveAsInTextAttack() {
        // TextAttack compares syn_word != word on the original casing: "Movie" gets "movie" back
        assertTrue(WN.synonyms("Movie").contains("movie"));
    }

    @Test
    void lemmaNamesAreNltksRawList() {
        List<String> names = WN.lemmaNames("saw");
        assertEquals("proverb", names.get(0)); // saw.n.01: proverb, adage, saw, byword
        assertTrue(names.contains("power_saw"));
        assertTrue(names.contains("see")); // verb exception list: saw -> see
        assertTrue(names.contains("saw"));
    }

    @Test
    void isOneWordFollowsTextAttack() {
        assertTrue(WordNetSynonyms.isOneWord("o'clock"));
        assertTrue(WordNetSynonyms.isOneWord("high-risk"));
        assertFalse(WordNetSynonyms.isOneWord("a.m."));
        assertFalse(WordNetSynonyms.isOneWord("in effect"));
        assertFalse(WordNetSynonyms.isOneWord("..."));
    }

    @Test
    void antonymAndSynonymPairs() {
        Set<String> vocabulary = WN.singleWordLemmas();
        assertTrue(vocabulary.size() > 80_000, "lemmas " + vocabulary.size());
        List<WordPair> antonyms = WN.antonymPairs(vocabulary, false);
        assertTrue(antonyms.contains(WordPair.of("good", "bad")));
        assertTrue(antonyms.contains(WordPair.of("hot", "cold")));
        assertTrue(antonyms.size() > 3_000, "antonym pairs " + antonyms.size());
        List<WordPair> synonyms = WN.synonymPairs(vocabulary, false);
        assertTrue(synonyms.contains(WordPair.of("movie", "film")));
        assertFalse(synonyms.contains(WordPair.of("good", "bad")));

        Set<String> small = Set.of("movie", "film", "movies", "films", "increase", "decrease", "increasing",
                "decreasing", "making", "creating", "make", "create");
        List<WordPair> synInfl = WN.synonymPairs(small, true);
        assertTrue(synInfl.contains(WordPair.of("movies", "films")), synInfl.toString());
        assertTrue(synInfl.contains(WordPair.of("making", "creating")), synInfl.toString());
        assertFalse(WN.synonymPairs(small, false).contains(WordPair.of("movies", "films")));
        List<WordPair> antInfl = WN.antonymPairs(small, true);
        assertTrue(antInfl.contains(WordPair.of("increasing", "decreasing")), antInfl.toString());
        for (WordPair p : synInfl) {
            assertTrue(small.contains(p.a()) && small.contains(p.b()));
        }
    }
}
