package org.rosebench.attacks.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.text.AttackedText;

class PreTransformationConstraintTest {

    @Test
    void repeatModificationExcludesModifiedIndices() {
        AttackedText t = AttackedText.of("a b c d").replaceWordAt(2, "x");
        assertEquals(Set.of(0, 1, 3), new RepeatModification().modifiableIndices(t));
    }

    @Test
    void stopwordsAreCaseSensitive() {
        AttackedText t = AttackedText.of("The film is the best");
        StopwordModification c = new StopwordModification(Set.of("the", "is"), "test");
        assertEquals(Set.of(0, 1, 4), c.modifiableIndices(t));
    }

    /**
     * TextAttack v0.3.10's default list is nltk_data's English corpus of its release date: the 153 words of the
     * 2016 list plus 26 contractions (nltk_data 2017-10 .. 2025-02), not yet the 19 pronoun contractions of 2025.
     */
    @Test
    void nltkListIsTheOneOfTextAttackV0310() {
        Set<String> nltk = Stopwords.nltkEnglish();
        assertEquals(179, nltk.size());
        for (String w : List.of("don't", "isn't", "it's", "you're", "you've", "you'll", "you'd", "she's", "that'll",
                "should've", "aren't", "couldn't", "didn't", "doesn't", "hadn't", "hasn't", "haven't", "mightn't",
                "mustn't", "needn't", "shan't", "shouldn't", "wasn't", "weren't", "won't", "wouldn't")) {
            assertTrue(nltk.contains(w), w);
        }
        for (String w : List.of("i", "me", "don", "t", "s", "ll", "ve", "re", "ain", "ma", "wouldn", "further")) {
            assertTrue(nltk.contains(w), w);
        }
        // added to nltk_data only in 2025, after v0.3.10
        for (String w : List.of("i'm", "i've", "he's", "they're", "we'll", "it'd")) {
            assertFalse(nltk.contains(w), w);
        }
        // matched as written: a contraction is protected, its capitalised form is not
        AttackedText t = AttackedText.of("Don't say it isn't good");
        assertEquals(List.of("Don't", "say", "it", "isn't", "good"), t.words());
        assertEquals(Set.of(0, 1, 4), new StopwordModification(nltk, "nltk").modifiableIndices(t));
    }

    @Test
    void bundledStopwordLists() {
        assertEquals(266, Stopwords.textFooler().size());
        assertEquals(true, Stopwords.nltkEnglish().contains("not"));
        assertEquals(true, Stopwords.textFooler().contains("should've"));
    }

    @Test
    void premiseIsFrozenOnlyForPremiseHypothesisColumns() {
        InputColumnModification c = InputColumnModification.premiseFrozen();
        AttackedText nli = AttackedText.of(List.of("premise", "hypothesis"), List.of("A man sleeps.", "He rests."));
        assertEquals(Set.of(3, 4), c.modifiableIndices(nli));
        AttackedText qnli = AttackedText.of(List.of("question", "sentence"), List.of("Who sleeps?", "A man."));
        assertEquals(Set.of(0, 1, 2, 3), c.modifiableIndices(qnli));
        assertEquals(Set.of(0, 1), c.modifiableIndices(AttackedText.of("single text")));
    }
}
