package org.rosebench.attacks.recipe;

import java.util.Set;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.SynonymSource;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.transform.WordSwapWordNet;

/** PWWS (Ren et al. 2019) as TextAttack's {@code pwws} recipe composes it (docs/attacks.md §4). */
public final class PwwsRecipe implements Recipe {

    @Override
    public String name() {
        return "pwws";
    }

    @Override
    public Set<Class<?>> backends() {
        return Set.of(SynonymSource.class);
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of()));
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(new WordSwapWordNet(resources.synonymSource(),
                        RecipeSupport.options(params).segmenter()))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(AttackResources.NLTK),
                        AttackResources.NLTK))
                .search(RecipeSupport.search(params, WirMethod.WEIGHTED_SALIENCY))
                .options(RecipeSupport.options(params))
                .build();
    }

    @Override
    public String describe() {
        return """
            pwws: Probability Weighted Word Saliency (Ren et al. 2019), TextAttack v0.3.10's recipe
              goal:           untargeted classification
              transformation: WordNet swap: all lemma names of all synsets, except the word itself, multi-word
                              lemmas (with '_') and anything that is not a single word
              constraints:    repeat; stopwords (NLTK English, 179 words, case-sensitive); no semantic or POS
                              constraint
              search:         greedy word swap, weighted-saliency ranking: softmax over the "[UNK]" saliencies
                              times, per index, the maximum score 1 - p(y) over its swap candidates
              parameters:
            %s
              deviations (docs/attacks.md §4):
                - as in TextAttack, the importance uses the best candidate's score 1 - p(y), not the paper's
                  drop dP = P(y|x) - P(y|x'); the paper's named-entity swap is not implemented;
                - WordNet comes from the SynonymSource backend (WordNet 3.0 expected); NLTK's lemmatisation
                  (morphy) of inflected forms is the backend's job;
                - ties in word importance keep index order (numpy's argsort may reorder ties).""".formatted(
                RecipeSupport.SEARCH_HELP);
    }
}
