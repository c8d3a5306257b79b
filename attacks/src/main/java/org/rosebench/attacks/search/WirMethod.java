package org.rosebench.attacks.search;

/** How {@link GreedyWordSwapWIR} ranks word importance. */
public enum WirMethod {
    /** Goal score of the text with the word deleted. */
    DELETE("delete"),
    /** Goal score of the text with the word replaced by the literal {@code [UNK]}. */
    UNK("unk"),
    /** PWWS: softmax of the unk saliencies times the best score among each word's swap candidates. */
    WEIGHTED_SALIENCY("weighted-saliency"),
    /** A seeded random order. */
    RANDOM("random");

    private final String label;

    WirMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static WirMethod parse(String label) {
        for (WirMethod m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown word-importance ranking " + label
                + " (expected delete, unk, weighted-saliency or random)");
    }
}
