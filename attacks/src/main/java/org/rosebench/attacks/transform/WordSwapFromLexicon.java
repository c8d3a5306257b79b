package org.rosebench.attacks.transform;

import java.util.List;
import java.util.Map;

/** Swaps words with the replacements listed for them in a fixed map (exact, case-sensitive); for tests. */
public final class WordSwapFromLexicon extends WordSwap {

    private final Map<String, List<String>> lexicon;

    public WordSwapFromLexicon(Map<String, List<String>> lexicon) {
        this.lexicon = Map.copyOf(lexicon);
    }

    @Override
    protected List<String> replacementWords(String word) {
        return lexicon.getOrDefault(word, List.of());
    }

    @Override
    public String describe() {
        return "word-swap-from-lexicon (" + lexicon.size() + " entries)";
    }
}
