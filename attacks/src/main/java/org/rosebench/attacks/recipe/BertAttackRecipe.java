package org.rosebench.attacks.recipe;

import static org.rosebench.attacks.recipe.RecipeSupport.MAX_CANDIDATES;
import static org.rosebench.attacks.recipe.RecipeSupport.USE_THRESHOLD;

import java.util.Set;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.constraint.MaxWordsPerturbed;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.transform.WordSwapMaskedLM;

/** BERT-Attack (Li et al. 2020) as TextAttack's {@code bert-attack} recipe composes it (algorithms.md §4.3). */
public final class BertAttackRecipe implements Recipe {

    /** K of v0.3.10 and of the paper's author; TextAttack HEAD / 0.3.11 uses 8 for speed. */
    public static final int K_DEFAULT = 48;
    public static final double MAX_PERCENT = 0.4;
    public static final double USE_THRESHOLD_DEFAULT = 0.2;
    private static final String MAX_PERCENT_KEY = "max-percent";
    private static final String SORT = "sort-by-perplexity";

    @Override
    public String name() {
        return "bert-attack";
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of(MAX_CANDIDATES, MAX_PERCENT_KEY, USE_THRESHOLD, SORT)));
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(WordSwapMaskedLM.bertAttack(resources.maskedLm(), params.integer(MAX_CANDIDATES, K_DEFAULT),
                        params.bool(SORT, true)))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(AttackResources.NLTK),
                        AttackResources.NLTK))
                .constraint(MaxWordsPerturbed.percent(params.real(MAX_PERCENT_KEY, MAX_PERCENT)))
                .constraint(new SentenceEncoderSimilarity(resources.sentenceEmbedder(),
                        params.real(USE_THRESHOLD, USE_THRESHOLD_DEFAULT), SentenceEncoderSimilarity.Metric.COSINE,
                        true, 0, false))
                .search(RecipeSupport.search(params, WirMethod.UNK))
                .options(params.options())
                .build();
    }

    @Override
    public String describe() {
        return """
            bert-attack: BERT-Attack (Li et al. 2020), TextAttack's recipe
              goal:           untargeted classification
              transformation: masked-LM swap, bert-attack mode (bert-base-uncased): one pass over the UNMASKED
                              current text, top-K ids per position, K = 48; one-sub-token words take the whole-word
                              tokens among their top K; multi-sub-token words take the one-word combinations of the
                              per-position top K, lowest MLM perplexity first, first K kept; no case restored
              constraints:    repeat; stopwords (NLTK English, case-sensitive); at most 40%% of
                              min(len original, len new) words changed, rounded up, vs original;
                              sentence encoder: cosine >= 0.2 vs the ORIGINAL text, whole text (no window)
              search:         greedy word swap, word importance by "[UNK]" replacement
              parameters:     max-candidates=48, max-percent=0.4, use-threshold=0.2, sort-by-perplexity=true,
            %s
              deviations:
                - K = 48 as in TextAttack v0.3.10 and the paper; TextAttack HEAD/0.3.11 uses 8
                  (max-candidates=8 reproduces it);
                - TextAttack never sorts multi-sub-token combinations (the result of sorted() is discarded), so
                  it keeps the first K in itertools.product order; here they are sorted by perplexity
                  (sort-by-perplexity=false reproduces the bug). Combinations are enumerated best-first instead of
                  all K^n, which yields the same list;
                - the Universal Sentence Encoder is replaced by the SentenceEmbedder backend (threshold kept
                  unless use-threshold is set);
                - the masked LM is the MaskedLmScorer backend (the lead's bert-base-uncased port);
                - ties in word importance keep index order.""".formatted(RecipeSupport.SEARCH_HELP);
    }
}
