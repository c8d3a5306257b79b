package org.rosebench.attacks.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void bundledStopwordLists() {
        assertEquals(266, Stopwords.textFooler().size());
        assertEquals(153, Stopwords.nltkEnglish().size());
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
