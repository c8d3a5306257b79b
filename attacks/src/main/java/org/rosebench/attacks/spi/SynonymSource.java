package org.rosebench.attacks.spi;

import java.util.List;

/** WordNet as NLTK exposes it to PWWS. */
@FunctionalInterface
public interface SynonymSource {

    /**
     * All lemma names of all synsets of {@code word}, as NLTK's {@code wordnet.synsets(word)} finds them
     * (any part of speech, morphological base forms included), multi-word lemmas still joined by {@code _}.
     * Duplicates and the word itself may be present; the transformation filters them.
     */
    List<String> lemmaNames(String word);
}
