package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenNlpPosTaggerTest {

    private static final OpenNlpPosTagger NLTK = OpenNlpPosTagger.load();
    private static final OpenNlpPosTagger UD = OpenNlpPosTagger.load(OpenNlpPosTagger.Tagset.UD);

    private static List<String> words(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void tagsWordsInContext() {
        List<String> w = words("The movie was great");
        assertEquals("NOUN", NLTK.tagInContext(w, 1));
        assertEquals("ADJ", NLTK.tagInContext(w, 3));
        assertEquals("VERB", NLTK.tagInContext(words("I run daily"), 1));
        assertEquals("NOUN", UD.tagInContext(w, 1));
        assertEquals("ADJ", UD.tagInContext(w, 3));
        assertEquals("VERB", UD.tagInContext(words("I run daily"), 1));
    }

    @Test
    void nltkUniversalMapping() {
        assertEquals(List.of("DET", "NOUN", "AUX", "ADJ"), UD.tag(words("The movie was great")));
        assertEquals(List.of("DET", "NOUN", "VERB", "ADJ"), NLTK.tag(words("The movie was great")));
        assertEquals("NOUN", NLTK.tag(words("Paris is a city")).get(0));
        assertEquals("PROPN", UD.tag(words("Paris is a city")).get(0));
        assertEquals("CONJ", NLTK.tag(words("cats and dogs")).get(1));
    }

    @Test
    void replacementIsTaggedInTheReferenceWindow() {
        List<String> ref = words("a b c d the movie was really very good fun");
        // window for index 5: 4 before (b c d the), the word, 3 after (was really very)
        assertEquals("NOUN", NLTK.tagInContext(ref, 5, "film"));
        assertEquals("VERB", NLTK.tagInContext(words("I run daily"), 1, "walk"));
    }

    @Test
    void cachesPerWindow() {
        List<String> w = words("The film was boring");
        assertSame(NLTK.tag(w), NLTK.tag(List.copyOf(w)));
    }

    @Test
    void compatibility() {
        assertTrue(OpenNlpPosTagger.compatible("NOUN", "VERB"));
        assertTrue(OpenNlpPosTagger.compatible("VERB", "NOUN"));
        assertTrue(OpenNlpPosTagger.compatible("ADJ", "ADJ"));
        assertFalse(OpenNlpPosTagger.compatible("ADJ", "NOUN"));
        assertFalse(OpenNlpPosTagger.compatible("NOUN", "PROPN"));
    }
}
