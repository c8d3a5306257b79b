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
import org.rosebench.attacks.constraint.PartOfSpeech;
import org.rosebench.attacks.constraint.RepeatModification;
import org.rosebench.attacks.constraint.SentenceEncoderSimilarity;
import org.rosebench.attacks.constraint.StopwordModification;
import org.rosebench.attacks.goal.UntargetedClassification;
import org.rosebench.attacks.search.WirMethod;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.transform.WordSwapMaskedLM;

/**
 * BAE-R (Garg and Ramakrishnan 2019) as TextAttack's {@code bae} recipe composes it (docs/attacks.md §5).
 *
 * <p>Deviation: the Universal Sentence Encoder is not obtainable, so the sentence-encoder constraint embeds with the
 * {@code SentenceEmbedder} backend (minilm-l6, mean-pooled, by default), and its threshold is {@link
 * #USE_THRESHOLD_DEFAULT}, calibrated for MiniLM by {@code rose-bench calibrate-encoder}
 * (results/attacks/encoder-calibration-2026-12-04.md), instead of USE's {@link #USE_THRESHOLD_TEXTATTACK}: MiniLM's cosine of
 * 15-word windows lives on another scale. {@code --param use-threshold=X} overrides it. {@link #describe()} lists
 * every deviation.
 */
public final class BaeRecipe implements Recipe {

    public static final int MAX_CANDIDATES_DEFAULT = 50;
    public static final double MIN_CONFIDENCE = 0.0;
    /**
     * The Universal Sentence Encoder threshold of TextAttack's recipe, 1 − 0.2/π (its correction for the
     * TextFooler-derived code). Not the default: MiniLM's similarities live on another scale.
     */
    public static final double USE_THRESHOLD_TEXTATTACK = 0.936338023;
    /**
     * The default threshold, calibrated for minilm-l6 ({@code rose-bench calibrate-encoder},
     * results/attacks/encoder-calibration-2026-12-04.md) on SST-2 training sentences, never an attacked split: the
     * largest cosine, in this recipe's regime (window 15 vs the original text), that accepts 95% of first-sense WordNet
     * synonym swaps; one rule for textfooler, bae and bert-attack.
     */
    public static final double USE_THRESHOLD_DEFAULT = 0.663;
    public static final int USE_WINDOW_DEFAULT = 15;
    private static final String MIN_CONF = "min-confidence";
    private static final String POOL = "rank-pool";

    @Override
    public String name() {
        return "bae";
    }

    @Override
    public Set<Class<?>> backends() {
        return Set.of(MaskedLmScorer.class, PosTagger.class, SentenceEmbedder.class);
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of(MAX_CANDIDATES, MIN_CONF, POOL, USE_THRESHOLD, USE_WINDOW,
                POS_TAG_AT)));
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(WordSwapMaskedLM.bae(resources.maskedLm(), params.integer(MAX_CANDIDATES,
                        MAX_CANDIDATES_DEFAULT), params.real(MIN_CONF, MIN_CONFIDENCE),
                        params.integer(POOL, WordSwapMaskedLM.DEFAULT_RANK_POOL),
                        RecipeSupport.options(params).segmenter()))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(AttackResources.NLTK),
                        AttackResources.NLTK))
                .constraint(new PartOfSpeech(resources.posTagger(), true, true,
                        RecipeSupport.posFirstOccurrence(params)))
                .constraint(sentenceEncoder(resources.sentenceEmbedder(),
                        params.real(USE_THRESHOLD, USE_THRESHOLD_DEFAULT), params.integer(USE_WINDOW, USE_WINDOW_DEFAULT)))
                .search(RecipeSupport.search(params, WirMethod.DELETE))
                .options(RecipeSupport.options(params))
                .build();
    }

    /**
     * This recipe's sentence-encoder constraint: cosine similarity of the {@code window}-word windows around the swap,
     * against the original text, texts shorter than the window passing (also what the encoder calibration scores).
     */
    public static SentenceEncoderSimilarity sentenceEncoder(SentenceEmbedder embedder, double threshold, int window) {
        return new SentenceEncoderSimilarity(embedder, threshold, SentenceEncoderSimilarity.Metric.COSINE, true, window,
                true);
    }

    /** 2: the encoder threshold refitted on training data by the one rule of the three recipes. */
    @Override
    public String version() {
        return "2";
    }

    @Override
    public String describe() {
        return """
            bae: BAE-R (Garg and Ramakrishnan 2019), TextAttack v0.3.10's recipe; replacement only
              goal:           untargeted classification
              transformation: masked-LM swap, bae mode (bert-base-uncased): the word replaced by [MASK] in the
                              current text; walking the vocabulary ranking, up to 50 tokens with probability >= 0.0,
                              sub-word markers stripped, that are one word and not punctuation only; then the
                              original word and tokens without an ASCII letter are dropped
              constraints:    repeat; stopwords (NLTK English, 179 words, case-sensitive); part of speech
                              (noun<->verb allowed, tag read at the word's first occurrence in the context, vs
                              original); sentence encoder (%2$s): cosine >= %3$s,
                              calibrated for MiniLM (USE's value: 0.936338023 = 1 - 0.2/pi), window 15 vs
                              the ORIGINAL text, texts under 15 words pass
              search:         greedy word swap, word importance by deletion
              parameters:     max-candidates=50, min-confidence=0.0, use-threshold=%3$s, use-window=15,
                              pos-tag-at=first-occurrence|position, rank-pool=200 (entries ranked at once; the
                              whole vocabulary is walked when they leave fewer than 50 words: no effect on results),
            %1$s
              deviations (docs/attacks.md §5):
                - BAE-R only (no insertions), as in TextAttack;
                - the Universal Sentence Encoder (not obtainable) is replaced by the SentenceEmbedder backend,
                  %2$s by default. MiniLM scores an antonym swap almost as high as a paraphrase,
                  so USE's 0.936338023 cannot be copied: %3$s accepts 95%% of first-sense synonym swaps of SST-2
                  training sentences in this regime (one rule for textfooler, bae and bert-attack; fitted on
                  training data only; `rose-bench calibrate-encoder`, %4$s).
                  use-threshold=0.936338023 restores TextAttack's number; another encoder needs its own calibration;
                - the POS tagger is the PosTagger backend (OpenNLP) instead of NLTK's;
                - ties in word importance keep index order (numpy's argsort may reorder ties).""".formatted(
                RecipeSupport.SEARCH_HELP, RecipeSupport.ENCODER, USE_THRESHOLD_DEFAULT, RecipeSupport.CALIBRATION);
    }
}
