package org.rosebench.attacks;

import org.rosebench.attacks.goal.GoalEvaluator;
import org.rosebench.attacks.text.WordSegmenter;

/**
 * Settings shared by every attack, TextAttack's defaults unless changed.
 *
 * @param queryBudget    maximum victim queries per example; {@code <= 0} for unlimited (TextAttack's ∞)
 * @param modelBatchSize texts per victim call (32)
 * @param cacheSize      per-example query cache entries (2^20); {@code <= 0} disables the cache
 * @param seed           seed for randomised searches (765, TextAttack's default random seed)
 * @param edgeStrip      word segmentation: {@code LEADING} = TextAttack v0.3.10, the pinned release (default);
 *                       {@code BOTH} = v0.3.11
 */
public record AttackOptions(int queryBudget, int modelBatchSize, int cacheSize, long seed,
        WordSegmenter.EdgeStrip edgeStrip) {

    public static AttackOptions defaults() {
        return new AttackOptions(0, GoalEvaluator.DEFAULT_MODEL_BATCH_SIZE, GoalEvaluator.DEFAULT_CACHE_SIZE, 765L,
                WordSegmenter.EdgeStrip.LEADING);
    }

    public AttackOptions withQueryBudget(int budget) {
        return new AttackOptions(budget, modelBatchSize, cacheSize, seed, edgeStrip);
    }

    public AttackOptions withModelBatchSize(int batchSize) {
        return new AttackOptions(queryBudget, batchSize, cacheSize, seed, edgeStrip);
    }

    public AttackOptions withCacheSize(int size) {
        return new AttackOptions(queryBudget, modelBatchSize, size, seed, edgeStrip);
    }

    public AttackOptions withSeed(long newSeed) {
        return new AttackOptions(queryBudget, modelBatchSize, cacheSize, newSeed, edgeStrip);
    }

    public AttackOptions withEdgeStrip(WordSegmenter.EdgeStrip strip) {
        return new AttackOptions(queryBudget, modelBatchSize, cacheSize, seed, strip);
    }

    public WordSegmenter segmenter() {
        return WordSegmenter.of(edgeStrip);
    }
}
