package org.rosebench.attacks.transform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rosebench.attacks.spi.SynonymSource;
import org.rosebench.attacks.text.WordSegmenter;

/**
 * Swaps a word with its WordNet synonyms (TextAttack's {@code WordSwapWordNet}, used by PWWS): all lemma
 * names of all synsets of the word, except the word itself, multi-word lemmas (containing {@code _}) and
 * anything that is not a single word.
 */
public final class WordSwapWordNet extends WordSwap {

    private final SynonymSource source;
    private final WordSegmenter segmenter;

    public WordSwapWordNet(SynonymSource source) {
        this(source, WordSegmenter.DEFAULT);
    }

    public WordSwapWordNet(SynonymSource source, WordSegmenter segmenter) {
        this.source = source;
        this.segmenter = segmenter;
    }

    @Override
    protected List<String> replacementWords(String word) {
        Set<String> synonyms = new LinkedHashSet<>();
        for (String lemma : source.lemmaNames(word)) {
            if (!lemma.equals(word) && !lemma.contains("_") && segmenter.isOneWord(lemma)) {
                synonyms.add(lemma);
            }
        }
        return new ArrayList<>(synonyms);
    }

    @Override
    public String describe() {
        return "word-swap-wordnet (all lemmas of all synsets; no multi-word lemmas)";
    }
}
