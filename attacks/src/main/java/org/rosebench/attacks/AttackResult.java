package org.rosebench.attacks;

import java.util.List;

/**
 * The outcome of attacking one example, as written to the result files.
 *
 * @param exampleId              the example's id
 * @param status                 succeeded, failed or skipped
 * @param columnNames            input column names
 * @param originalTexts          original text per column
 * @param perturbedTexts         final text per column (the original for skipped examples; for failed ones
 *                               the best-scoring text the search kept, as TextAttack reports)
 * @param groundTruth            gold label
 * @param originalPrediction     argmax on the original
 * @param originalConfidence     probability of {@code originalPrediction}
 * @param originalProbabilities  class probabilities on the original
 * @param perturbedPrediction    argmax on the perturbed text
 * @param perturbedConfidence    probability of {@code perturbedPrediction}
 * @param perturbedProbabilities class probabilities on the perturbed text
 * @param originalScore          goal score (1 − p(gold)) of the original
 * @param perturbedScore         goal score of the perturbed text
 * @param perturbedWordIndices   word indices of the perturbed text changed by the attack (its history)
 * @param originalNumWords       words in the original (TextAttack segmentation, all columns)
 * @param numWordsChanged        positions where original and perturbed words differ, over the shorter text
 * @param numQueries             TextAttack's {@code num_queries}: the query count when the returned text was
 *                               evaluated. For a failed greedy search that is when the last improvement was
 *                               accepted (1 if none was), not the total spent
 * @param totalQueries           all queries spent on the example, cache hits included
 * @param seconds                wall-clock time of the attack
 */
public record AttackResult(String exampleId, AttackStatus status, List<String> columnNames,
        List<String> originalTexts, List<String> perturbedTexts, int groundTruth,
        int originalPrediction, float originalConfidence, float[] originalProbabilities,
        int perturbedPrediction, float perturbedConfidence, float[] perturbedProbabilities,
        double originalScore, double perturbedScore, List<Integer> perturbedWordIndices,
        int originalNumWords, int numWordsChanged, int numQueries, int totalQueries, double seconds) {

    public AttackResult {
        columnNames = List.copyOf(columnNames);
        originalTexts = List.copyOf(originalTexts);
        perturbedTexts = List.copyOf(perturbedTexts);
        perturbedWordIndices = List.copyOf(perturbedWordIndices);
    }

    /** The original columns joined by a newline. */
    public String originalText() {
        return String.join("\n", originalTexts);
    }

    /** The perturbed columns joined by a newline. */
    public String perturbedText() {
        return String.join("\n", perturbedTexts);
    }

    /** Changed words × 100 / original words (0 for an empty original), the per-result perturbed word %. */
    public double perturbedWordPercent() {
        return originalNumWords > 0 ? numWordsChanged * 100.0 / originalNumWords : 0;
    }
}
