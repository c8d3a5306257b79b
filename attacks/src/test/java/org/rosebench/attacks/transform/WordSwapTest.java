package org.rosebench.attacks.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.FakeBackends;
import org.rosebench.attacks.text.AttackedText;

class WordSwapTest {

    private static List<String> texts(List<AttackedText> candidates) {
        List<String> out = new ArrayList<>();
        for (AttackedText t : candidates) {
            out.add(t.text());
        }
        return out;
    }

    @Test
    void embeddingSwapLooksUpLowerCaseAndRestoresCase() {
        WordSwapEmbedding swap = new WordSwapEmbedding(FakeBackends.neighbours(Map.of(
                "movie", List.of("film", "picture", "flick"), "night", List.of("evening"))), 2);
        AttackedText t = AttackedText.of("Movie NIGHT, zzz!");
        assertEquals(List.of("Film NIGHT, zzz!", "Picture NIGHT, zzz!", "Movie EVENING, zzz!"),
                texts(swap.transform(t, new TreeSet<>(List.of(0, 1, 2)))));
    }

    @Test
    void wordNetSwapDropsTheWordItselfPhrasesAndMultiWordLemmas() {
        WordSwapWordNet swap = new WordSwapWordNet(word -> List.of("good", "goodness", "full", "in_effect",
                "well-being", "u.s.", "full", "Good"));
        assertEquals(List.of("goodness", "full", "well-being", "Good"), swap.replacementWords("good"));
    }

    @Test
    void lexiconSwapSkipsIdenticalReplacements() {
        WordSwapFromLexicon swap = new WordSwapFromLexicon(Map.of("a", List.of("a", "b")));
        assertEquals(List.of("b c"), texts(swap.transform(AttackedText.of("a c"), new TreeSet<>(List.of(0, 1)))));
    }
}
