package org.rosebench.attacks.recipe;

import static org.rosebench.attacks.recipe.RecipeSupport.MAX_CANDIDATES;

import java.util.Set;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.transform.WordSwapEmbedding;

/**
 * TextAttack's command-line default custom attack (docs/attacks.md §6): the plain greedy word-substitution
 * baseline, with the search swappable for {@code greedy} or {@code beam}.
 */
public final class GreedyWordSwapRecipe implements Recipe {

    private static final String STOPWORDS = "stopwords";

    @Override
    public String name() {
        return "greedy-word-swap";
    }

    @Override
    public Set<Class<?>> backends() {
        return Set.of(NeighbourIndex.class);
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of(MAX_CANDIDATES, STOPWORDS)));
        String stopwords = params.string(STOPWORDS, AttackResources.NLTK);
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(new WordSwapEmbedding(resources.neighbourIndex(),
                        params.integer(MAX_CANDIDATES, WordSwapEmbedding.DEFAULT_MAX_CANDIDATES)))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(stopwords), stopwords))
                .search(RecipeSupport.search(params, WirMethod.UNK))
                .options(RecipeSupport.options(params))
                .build();
    }

    @Override
    public String describe() {
        return """
            greedy-word-swap: TextAttack v0.3.10's CLI default attack (no recipe given)
              goal:           untargeted classification
              transformation: word-swap-embedding, 15 nearest neighbours (TextAttack's default)
              constraints:    repeat; stopwords (NLTK English, 179 words, case-sensitive); no embedding-distance,
                              POS or sentence-encoder constraint
              search:         greedy word swap with word-importance ranking, "[UNK]" replacement (default)
              parameters:     max-candidates=15, stopwords=nltk|textfooler,
            %s
              deviations (docs/attacks.md §6):
                - neighbours come from the NeighbourIndex backend; TextAttack's default are counter-fitted
                  PARAGRAM-SL999 vectors, which no reachable registry ships: by default the built-in space
                  (NLP4J counter-fitted to WordNet 3.0, antonyms expanded; results/attacks/synonym-space-2026-12-04.md),
                  or TextFooler's own vector file (attack --vectors, matrix `vectors:`);
                - ties in word importance keep index order (numpy's argsort may reorder ties).""".formatted(
                RecipeSupport.SEARCH_HELP);
    }
}
