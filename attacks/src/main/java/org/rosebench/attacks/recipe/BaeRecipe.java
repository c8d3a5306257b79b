package org.rosebench.attacks.recipe;

import static org.rosebench.attacks.recipe.RecipeSupport.MAX_CANDIDATES;
import static org.rosebench.attacks.recipe.RecipeSupport.USE_THRESHOLD;
import static org.rosebench.attacks.recipe.RecipeSupport.USE_WINDOW;

import java.util.Set;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.constraint.PartOfSpeech;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.transform.WordSwapMaskedLM;

/** BAE-R (Garg and Ramakrishnan 2019) as TextAttack's {@code bae} recipe composes it (algorithms.md §4.5). */
public final class BaeRecipe implements Recipe {

    public static final int MAX_CANDIDATES_DEFAULT = 50;
    public static final double MIN_CONFIDENCE = 0.0;
    /** 1 − 0.2/π, TextAttack's correction for the TextFooler-derived code. */
    public static final double USE_THRESHOLD_DEFAULT = 0.936338023;
    public static final int USE_WINDOW_DEFAULT = 15;
    private static final String MIN_CONF = "min-confidence";
    private static final String POOL = "rank-pool";

    @Override
    public String name() {
        return "bae";
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of(MAX_CANDIDATES, MIN_CONF, POOL, USE_THRESHOLD, USE_WINDOW)));
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(WordSwapMaskedLM.bae(resources.maskedLm(), params.integer(MAX_CANDIDATES,
                        MAX_CANDIDATES_DEFAULT), params.real(MIN_CONF, MIN_CONFIDENCE),
                        params.integer(POOL, WordSwapMaskedLM.DEFAULT_RANK_POOL)))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(AttackResources.NLTK),
                        AttackResources.NLTK))
                .constraint(new PartOfSpeech(resources.posTagger()))
                .constraint(new SentenceEncoderSimilarity(resources.sentenceEmbedder(),
                        params.real(USE_THRESHOLD, USE_THRESHOLD_DEFAULT), SentenceEncoderSimilarity.Metric.COSINE,
                        true, params.integer(USE_WINDOW, USE_WINDOW_DEFAULT), true))
                .search(RecipeSupport.search(params, WirMethod.DELETE))
                .options(params.options())
                .build();
    }

    @Override
    public String describe() {
        return """
            bae: BAE-R (Garg and Ramakrishnan 2019), TextAttack's recipe; replacement only
              goal:           untargeted classification
              transformation: masked-LM swap, bae mode (bert-base-uncased): the word replaced by [MASK] in the
                              current text; up to 50 tokens with probability >= 0.0, sub-word markers stripped,
                              that are one word and not punctuation only; then the original word and tokens
                              without an ASCII letter are dropped
              constraints:    repeat; stopwords (NLTK English, case-sensitive); part of speech (noun<->verb
                              allowed, vs original); sentence encoder: cosine >= 0.936338023 (1 - 0.2/pi),
                              window 15 vs the ORIGINAL text, texts under 15 words pass
              search:         greedy word swap, word importance by deletion
              parameters:     max-candidates=50, min-confidence=0.0, rank-pool=200, use-threshold=0.936338023,
                              use-window=15,
            %s
              deviations:
                - BAE-R only (no insertions), as in TextAttack;
                - TextAttack walks the MLM's whole vocabulary ranking until 50 tokens pass; here the 200 most
                  probable are examined (rank-pool), which only matters if more than 150 of them are rejected;
                - the Universal Sentence Encoder is replaced by the SentenceEmbedder backend (threshold kept
                  unless use-threshold is set); the POS tagger is the PosTagger backend, the tag read at the
                  word's own position;
                - window texts use true word offsets; ties in word importance keep index order.""".formatted(
                RecipeSupport.SEARCH_HELP);
    }
}
