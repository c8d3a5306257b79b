package org.rosebench.attacks.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.rosebench.attacks.goal.Evaluation;
import org.rosebench.attacks.goal.GoalResult;
import org.rosebench.attacks.text.AttackedText;

/**
 * Greedy word swap with word-importance ranking, TextAttack's {@code GreedyWordSwapWIR} (docs/attacks.md §1.7).
 *
 * <ol>
 *   <li>Rank the modifiable indices of the original text by importance (see {@link WirMethod}), highest
 *       first.</li>
 *   <li>Walk them: build the candidates at that index of the <em>current best</em> text, query them all,
 *       sort by score and take the best only if it is strictly better than the current score.</li>
 *   <li>When an accepted text succeeds, go through the successful candidates in score order (stopping at
 *       the first unsuccessful one or the first without a similarity score) and return the one with the
 *       highest similarity score from a sentence-encoder constraint.</li>
 *   <li>Otherwise return the current best once the indices run out or the query budget is used up.</li>
 * </ol>
 *
 * <p>Ties in importance and in score keep index order and candidate (text) order: sorts here are stable,
 * whereas numpy's {@code argsort} (quicksort) may order ties differently on rankings longer than 16.
 */
public final class GreedyWordSwapWIR implements SearchMethod {

    /** What TextAttack substitutes for a word in the {@code unk} ranking: literal text, not a model token. */
    public static final String UNK = "[UNK]";

    private final WirMethod method;
    private final String unkToken;

    public GreedyWordSwapWIR(WirMethod method) {
        this(method, UNK);
    }

    public GreedyWordSwapWIR(WirMethod method, String unkToken) {
        this.method = method;
        this.unkToken = unkToken;
    }

    public WirMethod method() {
        return method;
    }

    /** The ranking, most important index first, and whether the budget ran out while ranking. */
    public record IndexOrder(List<Integer> indices, boolean searchOver) {
    }

    @Override
    public GoalResult search(GoalResult initial, SearchContext context) {
        IndexOrder order = indexOrder(initial.text(), context);
        boolean searchOver = order.searchOver();
        GoalResult current = initial;
        for (int k = 0; k < order.indices().size() && !searchOver; k++) {
            List<AttackedText> candidates = context.transformations(current.text(), List.of(order.indices().get(k)));
            if (candidates.isEmpty()) {
                continue;
            }
            Evaluation evaluation = context.evaluate(candidates);
            searchOver = evaluation.searchOver();
            List<GoalResult> results = byScoreDescending(evaluation.results());
            if (results.isEmpty() || !(results.get(0).score() > current.score())) {
                continue;
            }
            current = results.get(0);
            if (current.succeeded()) {
                return mostSimilarSuccess(current, results);
            }
        }
        return current;
    }

    private static GoalResult mostSimilarSuccess(GoalResult best, List<GoalResult> results) {
        double maxSimilarity = Double.NEGATIVE_INFINITY;
        for (GoalResult r : results) {
            if (!r.succeeded() || r.text().similarityScore().isEmpty()) {
                break;
            }
            double similarity = r.text().similarityScore().getAsDouble();
            if (similarity > maxSimilarity) {
                maxSimilarity = similarity;
                best = r;
            }
        }
        return best;
    }

    /** Ranks the modifiable indices of {@code text} (TextAttack's {@code _get_index_order}). */
    public IndexOrder indexOrder(AttackedText text, SearchContext context) {
        List<Integer> indices = context.indicesToOrder(text);
        if (method == WirMethod.RANDOM) {
            List<Integer> shuffled = new ArrayList<>(indices);
            Collections.shuffle(shuffled, context.random());
            return new IndexOrder(shuffled, false);
        }
        List<AttackedText> leaveOneOut = new ArrayList<>(indices.size());
        for (int i : indices) {
            leaveOneOut.add(method == WirMethod.DELETE ? text.deleteWordAt(i) : text.replaceWordAt(i, unkToken));
        }
        Evaluation evaluation = context.evaluate(leaveOneOut);
        boolean searchOver = evaluation.searchOver();
        double[] scores = scores(evaluation.results());
        if (method == WirMethod.WEIGHTED_SALIENCY) {
            double[] saliency = softmaxAsFloat(scores);
            double[] best = new double[saliency.length];
            for (int k = 0; k < saliency.length && !searchOver; k++) {
                List<AttackedText> swaps = context.transformations(text, List.of(indices.get(k)));
                if (swaps.isEmpty()) {
                    continue;
                }
                Evaluation swapped = context.evaluate(swaps);
                searchOver = swapped.searchOver();
                // The maximum score 1 - p_y, not the paper's drop in p_y.
                best[k] = swapped.results().isEmpty() ? 0.0 : max(scores(swapped.results()));
            }
            for (int k = 0; k < scores.length; k++) {
                scores[k] = saliency[k] * best[k];
            }
        }
        List<Integer> positions = new ArrayList<>();
        for (int k = 0; k < scores.length; k++) {
            positions.add(k);
        }
        final double[] ranked = scores;
        positions.sort(Comparator.comparingDouble((Integer k) -> ranked[k]).reversed());
        List<Integer> order = new ArrayList<>(positions.size());
        for (int k : positions) {
            order.add(indices.get(k));
        }
        return new IndexOrder(order, searchOver);
    }

    static List<GoalResult> byScoreDescending(List<GoalResult> results) {
        List<GoalResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(GoalResult::score).reversed());
        return sorted;
    }

    private static double[] scores(List<GoalResult> results) {
        double[] s = new double[results.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = results.get(k).score();
        }
        return s;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Softmax rounded to float, as TextAttack computes it on a float32 tensor. */
    static double[] softmaxAsFloat(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double z = 0;
        double[] e = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            e[k] = Math.exp(x[k] - max);
            z += e[k];
        }
        for (int k = 0; k < x.length; k++) {
            e[k] = (float) (e[k] / z);
        }
        return e;
    }

    @Override
    public String describe() {
        return "greedy-word-swap-wir (" + method.label() + (method == WirMethod.UNK
                || method == WirMethod.WEIGHTED_SALIENCY ? ", replacement \"" + unkToken + "\"" : "") + ")";
    }
}
