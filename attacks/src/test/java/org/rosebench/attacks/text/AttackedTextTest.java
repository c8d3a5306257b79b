package org.rosebench.attacks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttackedTextTest {

    @Test
    void replaceKeepsPunctuationAndSpacing() {
        assertEquals("Hello, there!", AttackedText.of("Hello, world!").replaceWordAt(1, "there").text());
        assertEquals("a  x\tc", AttackedText.of("a  b\tc").replaceWordAt(1, "x").text());
        // v0.3.10 segmentation (the default) keeps the trailing quote in the word "quoted'", v0.3.11 strips it
        assertEquals("'said text", AttackedText.of("'quoted' text").replaceWordAt(0, "said").text());
        assertEquals("'said' text", AttackedText.of(List.of("text"), List.of("'quoted' text"), WordSegmenter.V0_3_11)
                .replaceWordAt(0, "said").text());
        assertEquals("I won't go.", AttackedText.of("I don't go.").replaceWordAt(1, "won't").text());
        assertEquals("(It's) great...", AttackedText.of("(It's) good...").replaceWordAt(1, "great").text());
    }

    @Test
    void replaceFindsTheRightOccurrenceOfRepeatedWords() {
        AttackedText t = AttackedText.of("the cat at the mat");
        assertEquals("the cat at a mat", t.replaceWordAt(3, "a").text());
        assertEquals("the cat on the mat", t.replaceWordAt(2, "on").text());
    }

    @Test
    void deletionDropsOneAdjacentSpace() {
        AttackedText t = AttackedText.of("I really liked it.");
        assertEquals("I liked it.", t.deleteWordAt(1).text());
        assertEquals("really liked it.", t.deleteWordAt(0).text());
        assertEquals("I really liked.", t.deleteWordAt(3).text());
        assertArrayEquals(new int[] {0, -1, 1, 2}, t.deleteWordAt(1).originalIndexMap());
        assertEquals("", AttackedText.of("alone").deleteWordAt(0).text());
        // TextAttack (generate_new_attacked_text) drops the space only when text follows the deleted word
        assertEquals("I really liked ", AttackedText.of("I really liked it").deleteWordAt(3).text());
    }

    @Test
    void historyOfModifiedIndices() {
        AttackedText t = AttackedText.of("one two three four");
        AttackedText once = t.replaceWordAt(1, "2");
        AttackedText twice = once.replaceWordAt(3, "4");
        assertEquals(Set.of(1), once.modifiedIndices());
        assertEquals(Set.of(1, 3), twice.modifiedIndices());
        assertEquals(Set.of(3), twice.newlyModifiedIndices());
        assertEquals(Set.of(), t.replaceWordAt(2, "three").modifiedIndices());
        assertEquals(Set.of(1, 3), twice.allWordsDiff(t));
    }

    @Test
    void multiWordReplacementShiftsLaterIndices() {
        AttackedText t = AttackedText.of("a b c").replaceWordAt(2, "z").replaceWordAt(1, "x y");
        assertEquals("a x y z", t.text());
        assertEquals(Set.of(1, 2, 3), t.modifiedIndices());
        assertArrayEquals(new int[] {0, 1, 3}, t.originalIndexMap());
    }

    @Test
    void pairsIndexAcrossColumnsAndRebuildPerColumn() {
        AttackedText t = AttackedText.of(List.of("premise", "hypothesis"), List.of("A man sleeps.", "A person rests."));
        assertEquals(List.of("A", "man", "sleeps", "A", "person", "rests"), t.words());
        assertEquals("A man sleeps.\nA person rests.", t.text());
        AttackedText swapped = t.replaceWordAt(4, "woman");
        assertEquals(List.of("A man sleeps.", "A woman rests."), swapped.columnTexts());
        assertEquals(List.of(List.of("A", "man", "sleeps"), List.of("A", "woman", "rests")), swapped.wordsPerColumn());
        assertEquals("Premise: A man sleeps.\nHypothesis: A woman rests.", swapped.printableText());
        assertEquals(List.of("A man.", "A person rests."), t.deleteWordAt(2).columnTexts());
    }

    private static AttackedText numbered(int n) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w.add("w" + i);
        }
        return AttackedText.of(String.join(" ", w) + ".");
    }

    private static String range(int from, int to) {
        List<String> w = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            w.add("w" + i);
        }
        return String.join(" ", w);
    }

    @Test
    void windowFollowsTextAttackArithmetic() {
        AttackedText t = numbered(20);
        assertEquals(range(3, 17), t.textWindowAroundIndex(10, 15));
        assertEquals(range(0, 14), t.textWindowAroundIndex(2, 15));
        assertEquals(range(5, 19), t.textWindowAroundIndex(18, 15));
        // even sizes: ceil(half) before, floor(half) after
        assertEquals(range(3, 6), t.textWindowAroundIndex(5, 4));
        // no window: first word to the end of the last word (the final "." is left out)
        assertEquals(range(0, 19), t.textWindowAroundIndex(7, 0));
        assertEquals(range(0, 9), numbered(10).textWindowAroundIndex(4, 15));
    }

    @Test
    void windowUsesTrueOffsetsOfRepeatedWords() {
        AttackedText t = AttackedText.of("very very good film here");
        assertEquals("very good film", t.textWindowAroundIndex(2, 3));
        assertEquals("cat at home", AttackedText.of("the cat at home now").textWindowAroundIndex(2, 3));
    }

    @Test
    void equalityIgnoresHistory() {
        AttackedText a = AttackedText.of("x y").replaceWordAt(0, "z");
        AttackedText b = AttackedText.of("z y");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.similarityScore().isEmpty());
    }
}
