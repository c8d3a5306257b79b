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
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.transform.WordSwapMaskedLM;

/**
 * BERT-Attack (Li et al. 2020) as TextAttack's {@code bert-attack} recipe composes it (docs/attacks.md §3).
 *
 * <p>Deviation: the Universal Sentence Encoder is not obtainable, so the sentence-encoder constraint embeds with the
 * {@code SentenceEmbedder} backend (minilm-l6, mean-pooled, by default), and its threshold is {@link
 * #USE_THRESHOLD_DEFAULT}, calibrated for MiniLM by {@code rose-bench calibrate-encoder}
 * (results/attacks/encoder-calibration-2026-12-04.md), instead of USE's {@link #USE_THRESHOLD_TEXTATTACK}: MiniLM's whole-text
 * cosine lives on another scale. {@code --param use-threshold=X} overrides it. {@link #describe()} lists every
 * deviation.
 */
public final class BertAttackRecipe implements Recipe {

    /** K of v0.3.10 (the pinned release) and of the paper's author; v0.3.11 uses 8 for speed. */
    public static final int K_DEFAULT = 48;
    /**
     * Multi-sub-token candidates in {@code itertools.product} order, as v0.3.10's code keeps them (the result of its
     * {@code sorted(...)} is discarded); {@code sort-by-perplexity=true} sorts them as the paper intends.
     */
    public static final boolean SORT_BY_PERPLEXITY_DEFAULT = false;
    public static final double MAX_PERCENT = 0.4;
    /**
     * The Universal Sentence Encoder threshold of TextAttack's recipe. Not the default: MiniLM's cosines live on
     * another scale.
     */
    public static final double USE_THRESHOLD_TEXTATTACK = 0.2;
    /**
     * The default threshold, calibrated for minilm-l6 ({@code rose-bench calibrate-encoder},
     * results/attacks/encoder-calibration-2026-12-04.md) on SST-2 training sentences, never an attacked split: the
     * largest whole-text cosine that accepts 95% of texts with 1 word to 40% of their words swapped for WordNet
     * synonyms; one rule for textfooler, bae and bert-attack.
     */
    public static final double USE_THRESHOLD_DEFAULT = 0.421;
    private static final String MAX_PERCENT_KEY = "max-percent";
    private static final String SORT = "sort-by-perplexity";

    @Override
    public String name() {
        return "bert-attack";
    }

    @Override
    public Set<Class<?>> backends() {
        return Set.of(MaskedLmScorer.class, SentenceEmbedder.class);
    }

    @Override
    public Attack build(Victim victim, AttackResources resources, RecipeParams params) {
        params.requireKnown(name(), RecipeSupport.keys(Set.of(MAX_CANDIDATES, MAX_PERCENT_KEY, USE_THRESHOLD, SORT)));
        return Attack.builder()
                .name(name())
                .victim(victim)
                .goal(new UntargetedClassification())
                .transformation(WordSwapMaskedLM.bertAttack(resources.maskedLm(), params.integer(MAX_CANDIDATES, K_DEFAULT),
                        params.bool(SORT, SORT_BY_PERPLEXITY_DEFAULT), RecipeSupport.options(params).segmenter()))
                .preTransformationConstraint(new RepeatModification())
                .preTransformationConstraint(new StopwordModification(resources.stopwords(AttackResources.NLTK),
                        AttackResources.NLTK))
                .constraint(MaxWordsPerturbed.percent(params.real(MAX_PERCENT_KEY, MAX_PERCENT)))
                .constraint(sentenceEncoder(resources.sentenceEmbedder(),
                        params.real(USE_THRESHOLD, USE_THRESHOLD_DEFAULT)))
                .search(RecipeSupport.search(params, WirMethod.UNK))
                .options(RecipeSupport.options(params))
                .build();
    }

    /**
     * This recipe's sentence-encoder constraint: cosine similarity of the whole text against the original (no window),
     * also what the encoder calibration scores.
     */
    public static SentenceEncoderSimilarity sentenceEncoder(SentenceEmbedder embedder, double threshold) {
        return new SentenceEncoderSimilarity(embedder, threshold, SentenceEncoderSimilarity.Metric.COSINE, true, 0,
                false);
    }

    /**
     * 3: TextAttack v0.3.10 defaults (candidates in product order, 179-word NLTK list, v0.3.10 segmentation) and the
     * encoder threshold refitted on training data by the one rule of the three recipes (each alone was a version 2).
     */
    @Override
    public String version() {
        return "3";
    }

    @Override
    public String describe() {
        return """
            bert-attack: BERT-Attack (Li et al. 2020), TextAttack v0.3.10's recipe
              goal:           untargeted classification
              transformation: masked-LM swap, bert-attack mode (bert-base-uncased): one pass over the UNMASKED
                              current text, top-K ids per position, K = 48; one-sub-token words take the whole-word
                              tokens among their top K; multi-sub-token words take the one-word combinations of the
                              per-position top K in itertools.product order (last position fastest), first K kept;
                              no case restored
              constraints:    repeat; stopwords (NLTK English, 179 words, case-sensitive); at most 40%% of
                              min(len original, len new) words changed, rounded up, vs original;
                              sentence encoder (%2$s): cosine >= %3$s, calibrated for MiniLM
                              (USE's value: 0.2), vs the ORIGINAL text, whole text (no window)
              search:         greedy word swap, word importance by "[UNK]" replacement
              parameters:     max-candidates=48, max-percent=0.4, use-threshold=%3$s, sort-by-perplexity=false,
            %1$s
              deviations (docs/attacks.md §3):
                - none in K: 48 as in v0.3.10 and the paper (v0.3.11 uses 8: max-candidates=8);
                - combinations are enumerated up to the K-th one-word combination instead of all K^n, which
                  yields the same list; sort-by-perplexity=true sorts them by MLM perplexity, as the paper (and
                  TextAttack's comment) intend;
                - the Universal Sentence Encoder (not obtainable) is replaced by the SentenceEmbedder backend,
                  %2$s by default. USE's 0.2 is a loose bound that nearly every text with up to
                  40%% of its words swapped passes; on MiniLM's scale %3$s accepts 95%% of SST-2 training
                  sentences with up to 40%% of their words swapped for WordNet synonyms (one rule for textfooler,
                  bae and bert-attack; fitted on training data only; `rose-bench calibrate-encoder`, %4$s).
                  use-threshold=0.2 restores TextAttack's number; another encoder needs its own calibration;
                - the masked LM is the MaskedLmScorer backend (rose-bench's bert-base-uncased port);
                - ties in word importance keep index order (numpy's argsort may reorder ties).""".formatted(
                RecipeSupport.SEARCH_HELP, RecipeSupport.ENCODER, USE_THRESHOLD_DEFAULT, RecipeSupport.CALIBRATION);
    }
}
