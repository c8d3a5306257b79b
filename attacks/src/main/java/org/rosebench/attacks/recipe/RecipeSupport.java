package org.rosebench.attacks.recipe;

import java.util.HashSet;
import java.util.Set;
import org.rosebench.attacks.AttackOptions;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.search.BeamSearch;
import org.rosebench.attacks.search.GreedyWordSwapWIR;
import org.rosebench.attacks.search.SearchMethod;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.text.WordSegmenter;

/** Parameter handling shared by the recipes. */
final class RecipeSupport {

    static final String WIR = "wir";
    static final String SEARCH = "search";
    static final String BEAM_WIDTH = "beam-width";
    static final String MAX_CANDIDATES = "max-candidates";
    static final String USE_THRESHOLD = "use-threshold";
    static final String USE_WINDOW = "use-window";
    static final String SEGMENTATION = "segmentation";
    static final String POS_TAG_AT = "pos-tag-at";

    /** The TextAttack release whose defaults the recipes reproduce (docs/attacks.md §0). */
    static final String PINNED = "v0.3.10";

    /** The sentence encoder the calibrated thresholds are for: DefaultResources' SentenceEmbedder. */
    static final String ENCODER = "minilm-l6, mean-pooled";
    /** Where {@code rose-bench calibrate-encoder} writes the calibration the defaults come from. */
    static final String CALIBRATION = "results/attacks/encoder-calibration-2026-12-04.md";

    /** Keys every recipe accepts for its search and word segmentation. */
    static final Set<String> SEARCH_KEYS = Set.of(WIR, SEARCH, BEAM_WIDTH, SEGMENTATION);

    /** Indented to line up under "parameters:" in the recipes' descriptions. */
    static final String SEARCH_HELP = """
              search=wir|greedy|beam (default wir: greedy word swap with word-importance ranking);
              wir=delete|unk|weighted-saliency|random (ranking for search=wir);
              beam-width=N (search=beam, default 8);
              segmentation=v0.3.10|v0.3.11 (TextAttack release whose words_from_text splits words;
              default v0.3.10: trailing ' - _ * @ stay in the word)""".indent(18).stripTrailing();

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

    /** The shared options with the word segmentation the parameters ask for (default: the pinned release's). */
    static AttackOptions options(RecipeParams params) {
        String release = params.string(SEGMENTATION, null);
        if (release == null) {
            return params.options();
        }
        return params.options().withEdgeStrip(switch (release.strip()) {
            case "v0.3.10", "0.3.10" -> WordSegmenter.EdgeStrip.LEADING;
            case "v0.3.11", "0.3.11" -> WordSegmenter.EdgeStrip.BOTH;
            default -> throw new IllegalArgumentException("segmentation must be v0.3.10 or v0.3.11: " + release);
        });
    }

    /** Whether the POS constraint reads the tag at the word's first occurrence in its context (TextAttack). */
    static boolean posFirstOccurrence(RecipeParams params) {
        String at = params.string(POS_TAG_AT, "first-occurrence").strip();
        return switch (at) {
            case "first-occurrence" -> true;
            case "position" -> false;
            default -> throw new IllegalArgumentException("pos-tag-at must be first-occurrence or position: " + at);
        };
    }

    static Set<String> keys(Set<String> own) {
        Set<String> all = new HashSet<>(own);
        all.addAll(SEARCH_KEYS);
        return all;
    }
}
