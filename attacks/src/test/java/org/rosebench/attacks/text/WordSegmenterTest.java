package org.rosebench.attacks.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordSegmenterTest {

    private static List<String> head(String s) {
        return WordSegmenter.V0_3_11.words(s);
    }

    private static List<String> old(String s) {
        return WordSegmenter.V0_3_10.words(s);
    }

    @Test
    void punctuationSeparatesWords() {
        assertEquals(List.of("Hello", "world"), head("Hello, world!"));
        assertEquals(List.of("parenthesis", "inside"), head("(parenthesis) [inside]"));
        assertEquals(List.of("U", "S", "A"), head("U.S.A."));
        assertEquals(List.of("a", "b"), head("a -- b"));
        assertEquals(List.of(), head(" -- ... '' "));
    }

    @Test
    void apostrophesInsideWordsAreKept() {
        assertEquals(List.of("I", "don't", "like", "it"), head("I don't like it."));
        assertEquals(List.of("rock'n'roll"), head("rock'n'roll"));
        assertEquals(List.of("It's", "James'", "hat"), old("It's James' hat"));
        assertEquals(List.of("It's", "James", "hat"), head("It's James' hat"));
    }

    @Test
    void quotesAreStrippedAtBothEndsInHeadButOnlyLeadingInV0310() {
        assertEquals(List.of("quoted", "word"), head("'quoted' word"));
        assertEquals(List.of("quoted'", "word"), old("'quoted' word"));
        assertEquals(List.of("init"), head("__init__"));
        assertEquals(List.of("init__"), old("__init__"));
    }

    @Test
    void hyphens() {
        assertEquals(List.of("well-known", "fact"), head("a well-known fact").subList(1, 3));
        assertEquals(List.of("trailing", "dash"), head("trailing- dash"));
        assertEquals(List.of("trailing-", "dash"), old("trailing- dash"));
        assertEquals(List.of("e-mail", "me", "at", "a@b", "com"), head("e-mail me at a@b.com"));
        assertEquals(List.of("x*y"), head("x*y"));
    }

    @Test
    void numbersAndUnicode() {
        assertEquals(List.of("It", "costs", "3", "50", "in", "2024"), head("It costs $3.50 in 2024."));
        assertEquals(List.of("naïve", "café", "½"), head("naïve café ½"));
        // TextAttack's homoglyph set makes the backtick a word character.
        assertEquals(List.of("`tick`"), head("`tick`"));
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "  'Hi', she said -- twice.";
        for (WordSegmenter.Word w : WordSegmenter.DEFAULT.segment(text)) {
            assertEquals(w.text(), text.substring(w.start(), w.end()));
        }
        assertEquals(3, WordSegmenter.DEFAULT.segment(text).get(0).start());
    }

    @Test
    void theDefaultIsThePinnedReleaseV0310() {
        assertEquals(WordSegmenter.EdgeStrip.LEADING, WordSegmenter.DEFAULT.edgeStrip());
        // v0.3.10's words_from_text: word.lstrip("'-_*@") on each findall run, so the trailing quote stays
        assertEquals(List.of("nothin'", "but", "fun-"), WordSegmenter.DEFAULT.words("'nothin' but fun-"));
    }

    @Test
    void oneWord() {
        assertTrue(WordSegmenter.DEFAULT.isOneWord("well-known"));
        assertTrue(WordSegmenter.DEFAULT.isOneWord("[UNK]"));
        assertFalse(WordSegmenter.DEFAULT.isOneWord("u.s."));
        assertFalse(WordSegmenter.DEFAULT.isOneWord("..."));
        assertFalse(WordSegmenter.DEFAULT.isOneWord("two words"));
    }
}
