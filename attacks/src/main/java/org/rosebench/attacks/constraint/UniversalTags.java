package org.rosebench.attacks.constraint;

import java.util.Map;

/** Maps Universal Dependencies POS tags onto the 12-tag universal set NLTK's tagger returns. */
public final class UniversalTags {

    private static final Map<String, String> FROM_UD = Map.ofEntries(
            Map.entry("PROPN", "NOUN"), // NLTK maps NNP/NNPS to NOUN
            Map.entry("AUX", "VERB"), // MD and auxiliaries are VERB in NLTK
            Map.entry("CCONJ", "CONJ"),
            Map.entry("SCONJ", "ADP"), // Penn IN covers prepositions and subordinators
            Map.entry("PART", "PRT"),
            Map.entry("PUNCT", "."),
            Map.entry("SYM", "X"),
            Map.entry("INTJ", "X")); // UH -> X in NLTK's mapping

    private UniversalTags() {
    }

    /** The NLTK universal tag for a UD tag; tags both sets share pass through unchanged. */
    public static String fromUd(String udTag) {
        return FROM_UD.getOrDefault(udTag, udTag);
    }
}
