package org.rosebench.attacks.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.attacks.text.AttackedText;

class ConstraintTest {

    @Test
    void maxWordsPerturbedRoundsUp() {
        MaxWordsPerturbed c = MaxWordsPerturbed.percent(0.4);
        assertEquals(2, c.allowedWords(3, 3)); // 1.2 -> 2
        assertEquals(2, c.allowedWords(5, 5)); // 2.0 -> 2
        assertEquals(3, c.allowedWords(7, 9)); // min 7: 2.8 -> 3
        assertEquals(6, c.allowedWords(15, 15)); // 6.0 exactly in double
        assertEquals(3, new MaxWordsPerturbed(3, 0.4, true).allowedWords(100, 100));
        AttackedText original = AttackedText.of("a b c d e");
        AttackedText two = original.replaceWordAt(0, "x").replaceWordAt(1, "y");
        AttackedText three = two.replaceWordAt(2, "z");
        assertEquals(List.of(two), c.filter(List.of(two, three), original));
    }

    @Test
    void wordEmbeddingDistanceUsesLowerCaseAndLetsUnknownWordsPass() {
        Map<String, Double> cos = Map.of("movie|film", 0.8, "movie|cat", 0.2);
        WordEmbeddingSpace space = (a, b) -> cos.containsKey(a + "|" + b) ? OptionalDouble.of(cos.get(a + "|" + b))
                : OptionalDouble.empty();
        WordEmbeddingDistance c = new WordEmbeddingDistance(space, 0.5);
        AttackedText original = AttackedText.of("A Movie night");
        AttackedText film = original.replaceWordAt(1, "Film");
        AttackedText cat = original.replaceWordAt(1, "Cat");
        AttackedText unknown = original.replaceWordAt(1, "zzz");
        assertEquals(List.of(film, unknown), c.filter(List.of(film, cat, unknown), original));
        WordEmbeddingDistance strict = new WordEmbeddingDistance(space, 0.5, false, false, true);
        assertEquals(List.of(film), strict.filter(List.of(film, cat, unknown), original));
    }

    /** Tags from a dictionary, except "run": VERB after "to", NOUN otherwise. Records what it saw. */
    private static final class FakeTagger implements PosTagger {
        final List<List<String>> seen = new ArrayList<>();
        final Map<String, String> tags = Map.of("happy", "ADJ", "glad", "ADJ", "dog", "NOUN", "quickly", "ADV");

        @Override
        public List<String> tag(List<String> words) {
            seen.add(words);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                out.add(w.equals("run") ? (i > 0 && words.get(i - 1).equals("to") ? "VERB" : "NOUN")
                        : tags.getOrDefault(w, "X"));
            }
            return out;
        }
    }

    @Test
    void partOfSpeechComparesTagsInContext() {
        FakeTagger tagger = new FakeTagger();
        PartOfSpeech pos = new PartOfSpeech(tagger);
        AttackedText original = AttackedText.of("a happy dog likes to run");
        AttackedText adj = original.replaceWordAt(1, "glad");
        AttackedText adjToNoun = original.replaceWordAt(1, "dog");
        AttackedText nounToVerb = original.replaceWordAt(2, "run"); // "a happy run": NOUN -> NOUN
        AttackedText verbToNoun = original.replaceWordAt(5, "dog"); // "to run" is VERB; dog is NOUN
        AttackedText verbToAdv = original.replaceWordAt(5, "quickly");
        assertEquals(List.of(adj, nounToVerb, verbToNoun),
                pos.filter(List.of(adj, adjToNoun, nounToVerb, verbToNoun, verbToAdv), original));
        PartOfSpeech strict = new PartOfSpeech(tagger, false, true);
        assertEquals(List.of(adj), strict.filter(List.of(adj, verbToNoun), original));
        assertFalse(strict.canReplace("VERB", "NOUN"));
        assertTrue(pos.canReplace("VERB", "NOUN"));
    }

    @Test
    void partOfSpeechContextIsFourBeforeAndThreeAfter() {
        FakeTagger tagger = new FakeTagger();
        AttackedText original = AttackedText.of("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");
        new PartOfSpeech(tagger).filter(List.of(original.replaceWordAt(5, "x")), original);
        assertTrue(tagger.seen.contains(List.of("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")));
        assertTrue(tagger.seen.contains(List.of("w1", "w2", "w3", "w4", "x", "w6", "w7", "w8")));
        tagger.seen.clear();
        new PartOfSpeech(tagger).filter(List.of(original.replaceWordAt(1, "x")), original);
        assertTrue(tagger.seen.contains(List.of("w0", "x", "w2", "w3", "w4")));
    }

    @Test
    void universalTagMapping() {
        assertEquals("NOUN", UniversalTags.fromUd("PROPN"));
        assertEquals("VERB", UniversalTags.fromUd("AUX"));
        assertEquals("CONJ", UniversalTags.fromUd("CCONJ"));
        assertEquals(".", UniversalTags.fromUd("PUNCT"));
        assertEquals("ADJ", UniversalTags.fromUd("ADJ"));
    }
}
