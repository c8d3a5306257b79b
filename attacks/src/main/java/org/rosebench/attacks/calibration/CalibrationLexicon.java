package org.rosebench.attacks.calibration;

import java.util.List;
import org.rosebench.attacks.lexicon.WordNetSynonyms;

/** The lexical relations the encoder calibration swaps words with, for a base form and a part of speech. */
public interface CalibrationLexicon {

    /**
     * Synonyms of {@code lemma} with part of speech {@code pos} ({@code n v a r}); empty when {@code lemma} is not
     * a base form of that part of speech.
     */
    List<String> synonyms(String lemma, char pos);

    /** Synonyms of the most frequent sense of {@code lemma} with part of speech {@code pos} only. */
    List<String> firstSenseSynonyms(String lemma, char pos);

    /** Antonyms of {@code lemma} with part of speech {@code pos}. */
    List<String> antonyms(String lemma, char pos);

    /** WordNet 3.0 via extJWNL: synset co-members (senses in WordNet's frequency order) and lexical antonym pointers. */
    static CalibrationLexicon wordNet(WordNetSynonyms wordNet) {
        return new CalibrationLexicon() {
            @Override
            public List<String> synonyms(String lemma, char pos) {
                return wordNet.synonymsOfLemma(lemma, pos);
            }

            @Override
            public List<String> firstSenseSynonyms(String lemma, char pos) {
                return wordNet.synonymsOfLemma(lemma, pos, 1);
            }

            @Override
            public List<String> antonyms(String lemma, char pos) {
                return wordNet.antonymsOfLemma(lemma, pos);
            }
        };
    }
}
