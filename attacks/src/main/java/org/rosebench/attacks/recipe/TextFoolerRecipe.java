package org.rosebench.attacks.recipe;

import static org.rosebench.attacks.recipe.RecipeSupport.MAX_CANDIDATES;
import static org.rosebench.attacks.recipe.RecipeSupport.POS_TAG_AT;
import static org.rosebench.attacks.recipe.RecipeSupport.USE_THRESHOLD;
import static org.rosebench.attacks.recipe.RecipeSupport.USE_WINDOW;

import java.util.Set;
import org.rosebench.attacks.Attack;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.Recipe;
import org.rosebench.attacks.RecipeParams;
import org.rosebench.attacks.constraint.CachedSentenceEmbedder;
import org.rosebench.attacks.constraint.InputColumnModification;
import org.rosebench.attacks.constraint.PartOfSpeech;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.constraint.WordEmbeddingDistance;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.lexicon.CounterFittedSpace;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.attacks.transform.WordSwapEmbedding;

/**
 * TextFooler (Jin et al. 2019) as TextAttack's {@code textfooler} recipe composes it (docs/attacks.md §2).
 *
 * <p>Deviation: the Universal Sentence Encoder is not obtainable, so the sentence-encoder constraint embeds with the
 * {@code SentenceEmbedder} backend (minilm-l6, mean-pooled, by default), and its threshold is {@link
 * #USE_THRESHOLD_DEFAULT}, calibrated for MiniLM by {@code rose-bench calibrate-encoder}
 * (results/attacks/encoder-calibration-2026-12-04.md), instead of USE's {@link #USE_THRESHOLD_TEXTATTACK}: MiniLM's angular
 * similarity of 15-word windows lives on another scale. {@code --param use-threshold=X} overrides it. {@link
 * #describe()} lists every deviation.
 */
public final class TextFoolerRecipe implements Recipe {

    public static final int MAX_CANDIDATES_DEFAULT = 50;
    /**
     * TextFooler's word-cosine bound, for its own counter-fitted PARAGRAM-SL999 vectors. A space calibrated for the
     * bound declares its own ({@code WordEmbeddingSpace.calibratedMinCosSim}), which is then the default.
     */
    public static final double MIN_COS_SIM = 0.5;
    /**
     * The Universal Sentence Encoder threshold of TextAttack's recipe, 1 − 0.5/π (its correction of the missing /π
     * in TextFooler's code). Not the default: MiniLM's similarities live on another scale.
     */
    public static final double USE_THRESHOLD_TEXTATTACK = 0.840845057;
    /**
     * The default threshold, calibrated for minilm-l6 ({@code rose-bench calibrate-encoder},
     * results/attacks/encoder-calibration-2026-12-04.md) on SST-2 training sentences, never an attacked split: the
     * largest angular similarity, in this recipe's regime (window 15 vs the current text), that accepts 95% of
     * first-sense WordNet synonym swaps; one rule for textfooler, bae and bert-attack.
     */
    public static final double USE_THRESHOLD_DEFAULT = 0.8116;
    public static final int USE_WINDOW_DEFAULT = 15;
    private static final String MIN_COS = "min-cos-sim";

    @Override
    public String name() {
        return "textfooler";
    }

    /** 2: the built-in space nlp4j-wordnet-v2 with its own min-cos-sim, the encoder threshold refitted on training data. */
    @Override
    public String version() {
        return "2";
    }

    @Override
    public Set<Class<?>> backends() {
        return Set.of(NeighbourIndex.class, WordEmbeddingSpace.class, PosTagger.class, SentenceEmbedder.class);
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of(MAX_CANDIDATES, MIN_COS, USE_THRESHOLD, USE_WINDOW,
                POS_TAG_AT)));
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(new WordSwapEmbedding(resources.neighbourIndex(),
                        params.integer(MAX_CANDIDATES, MAX_CANDIDATES_DEFAULT)))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(AttackResources.TEXTFOOLER),
                        AttackResources.TEXTFOOLER))
                .preTransformationConstraint(InputColumnModification.premiseFrozen())
                .constraint(new WordEmbeddingDistance(resources.wordEmbeddings(), params.real(MIN_COS,
                        resources.wordEmbeddings().calibratedMinCosSim().orElse(MIN_COS_SIM))))
                .constraint(new PartOfSpeech(resources.posTagger(), true, true,
                        RecipeSupport.posFirstOccurrence(params)))
                // windows seen in an earlier step (e.g. the current text's) are not embedded again; exact
                .constraint(sentenceEncoder(new CachedSentenceEmbedder(resources.sentenceEmbedder()),
                        params.real(USE_THRESHOLD, USE_THRESHOLD_DEFAULT), params.integer(USE_WINDOW, USE_WINDOW_DEFAULT)))
                .search(RecipeSupport.search(params, WirMethod.DELETE))
                .options(RecipeSupport.options(params))
                .build();
    }

    /**
     * This recipe's sentence-encoder constraint: angular similarity of the {@code window}-word windows around the swap,
     * against the current text, texts shorter than the window passing (also what the encoder calibration scores).
     */
    public static SentenceEncoderSimilarity sentenceEncoder(SentenceEmbedder embedder, double threshold, int window) {
        return new SentenceEncoderSimilarity(embedder, threshold, SentenceEncoderSimilarity.Metric.ANGULAR, false,
                window, true);
    }

    @Override
    public String describe() {
        return """
            textfooler: TextFooler (Jin et al. 2019), TextAttack v0.3.10's recipe
              goal:           untargeted classification (1 - p(y), success when argmax != y)
              transformation: word-swap-embedding, 50 nearest neighbours (lower-cased lookup, case restored)
              constraints:    repeat; stopwords (TextFooler's 266-word list, case-sensitive);
                              input columns (premise frozen only for exactly (premise, hypothesis));
                              word-embedding cosine >= min-cos-sim vs original (out-of-vocabulary passes):
                              0.5 in TextFooler's own vectors, %5$s in the built-in space;
                              part of speech (same universal tag, noun<->verb allowed, context 4 before/3 after,
                              tag read at the word's first occurrence in the context, vs original);
                              sentence encoder (%2$s): angular similarity >= %3$s, calibrated
                              for MiniLM (USE's value: 0.840845057 = 1 - 0.5/pi), window 15 words around the
                              swap, vs the CURRENT text, texts under 15 words pass
              search:         greedy word swap, word importance by deletion
              parameters:     max-candidates=50, min-cos-sim (default: the space's calibrated bound, else
                              0.5), use-threshold=%3$s, use-window=15, pos-tag-at=first-occurrence|position,
            %1$s
              deviations (docs/attacks.md §2):
                - the paper's word-similarity threshold is 0.7; TextAttack (and this recipe) use 0.5, the value
                  in the released TextFooler code;
                - neighbours and word cosines come from the NeighbourIndex / WordEmbeddingSpace backends; TextAttack
                  uses counter-fitted PARAGRAM-SL999 ('paragramcf'), which no reachable registry ships. The
                  built-in space (%6$s) is NLP4J's 50-d vectors counter-fitted to WordNet 3.0 with antonyms
                  expanded through synsets and similar-to clusters; its word cosines run far higher than
                  paragramcf's (0.5 would keep 99%% of the 50 neighbours), so its min-cos-sim is %5$s, the
                  bound keeping 95%% of its WordNet-synonym neighbours (results/attacks/synonym-space-2026-12-04.md).
                  TextFooler's own vector file (attack --vectors, matrix `vectors:`) restores 0.5;
                - the Universal Sentence Encoder (not obtainable) is replaced by the SentenceEmbedder backend,
                  %2$s by default. MiniLM scores an antonym swap almost as high as a paraphrase,
                  so USE's 0.840845057 cannot be copied: %3$s accepts 95%% of first-sense synonym swaps of SST-2
                  training sentences in this regime (one rule for textfooler, bae and bert-attack; fitted on
                  training data only; `rose-bench calibrate-encoder`, %4$s).
                  use-threshold=0.840845057 restores TextAttack's number; another encoder needs its own calibration;
                - the POS tagger is the PosTagger backend (OpenNLP) instead of NLTK's;
                - ties in word importance keep index order (numpy's argsort may reorder ties).""".formatted(
                RecipeSupport.SEARCH_HELP, RecipeSupport.ENCODER, USE_THRESHOLD_DEFAULT, RecipeSupport.CALIBRATION,
                CounterFittedSpace.DEFAULT.minCosSim(), CounterFittedSpace.DEFAULT.label());
    }
}
