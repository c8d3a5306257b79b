package org.rosebench.attacks.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A part-of-speech tagger in the universal tag set NLTK uses ({@code NOUN VERB ADJ ADV ADP CONJ DET NUM PRT
 * PRON X .}); a Universal Dependencies tagger can map its tags with
 * {@link org.rosebench.attacks.constraint.UniversalTags#fromUd(String)}.
 */
@FunctionalInterface
public interface PosTagger {

    /** One tag per word of an already-tokenised word sequence. */
    List<String> tag(List<String> words);

    /** Tags several sequences; override to batch. */
    default List<List<String>> tagAll(List<List<String>> sequences) {
        List<List<String>> out = new ArrayList<>(sequences.size());
        for (List<String> s : sequences) {
            out.add(tag(s));
        }
        return out;
    }
}
