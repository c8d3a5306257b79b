package org.rosebench.attacks.recipe;

import java.util.HashSet;
import java.util.Set;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.search.BeamSearch;
import org.rosebench.attacks.search.GreedyWordSwapWIR;
import org.rosebench.attacks.search.SearchMethod;
import org.rosebench.attacks.search.WirMethod;

/** Parameter handling shared by the recipes. */
final class RecipeSupport {

    static final String WIR = "wir";
    static final String SEARCH = "search";
    static final String BEAM_WIDTH = "beam-width";
    static final String MAX_CANDIDATES = "max-candidates";
    static final String USE_THRESHOLD = "use-threshold";
    static final String USE_WINDOW = "use-window";

    /** The sentence encoder the calibrated thresholds are for: DefaultResources' SentenceEmbedder. */
    static final String ENCODER = "minilm-l6, mean-pooled";
    /** Where {@code rose-bench calibrate-encoder} writes the calibration the defaults come from. */
    static final String CALIBRATION = "results/attacks/encoder-calibration-2026-12-04.md";

    /** Keys every recipe accepts for its search. */
    static final Set<String> SEARCH_KEYS = Set.of(WIR, SEARCH, BEAM_WIDTH);

    /** Indented to line up under "parameters:" in the recipes' descriptions. */
    static final String SEARCH_HELP = """
              search=wir|greedy|beam (default wir: greedy word swap with word-importance ranking);
              wir=delete|unk|weighted-saliency|random (ranking for search=wir);
              beam-width=N (search=beam, default 8)""".indent(18).stripTrailing();

    private RecipeSupport() {
    }

    /** The search the parameters ask for, defaulting to greedy WIR with {@code defaultWir}. */
    static SearchMethod search(RecipeParams params, WirMethod defaultWir) {
        String search = params.string(SEARCH, "wir");
        return switch (search) {
            case "wir" -> new GreedyWordSwapWIR(WirMethod.parse(params.string(WIR, defaultWir.label())));
            case "greedy" -> BeamSearch.greedy();
            case "beam" -> new BeamSearch(params.integer(BEAM_WIDTH, BeamSearch.DEFAULT_WIDTH));
            default -> throw new IllegalArgumentException("search must be wir, greedy or beam: " + search);
        };
    }

    static Set<String> keys(Set<String> own) {
        Set<String> all = new HashSet<>(own);
        all.addAll(SEARCH_KEYS);
        return all;
    }
}
