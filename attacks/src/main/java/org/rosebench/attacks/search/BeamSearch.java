package org.rosebench.attacks.search;

import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.goal.Evaluation;
import org.rosebench.attacks.goal.GoalResult;
import org.rosebench.attacks.text.AttackedText;

/**
 * TextAttack's {@code BeamSearch}: keep the {@code beamWidth} best texts; each round expands every text of
 * the beam at all modifiable indices, queries all candidates (duplicates across beam members included, as in
 * TextAttack) and keeps the top scores. The round's best result becomes the answer even when it scores
 * below an earlier round's. Stops on success, when no candidates remain, or when the budget is used up.
 * Width 1 is TextAttack's {@code greedy} search.
 */
public final class BeamSearch implements SearchMethod {

    /** TextAttack's default beam width. */
    public static final int DEFAULT_WIDTH = 8;

    private final int beamWidth;

    public BeamSearch(int beamWidth) {
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam width must be positive: " + beamWidth);
        }
        this.beamWidth = beamWidth;
    }

    /** TextAttack's {@code greedy}: a beam of width 1. */
    public static BeamSearch greedy() {
        return new BeamSearch(1);
    }

    @Override
    public GoalResult search(GoalResult initial, SearchContext context) {
        List<AttackedText> beam = List.of(initial.text());
        GoalResult best = initial;
        while (!best.succeeded()) {
            List<AttackedText> next = new ArrayList<>();
            for (AttackedText text : beam) {
                next.addAll(context.transformations(text, null));
            }
            if (next.isEmpty()) {
                return best;
            }
            Evaluation evaluation = context.evaluate(next);
            List<GoalResult> results = evaluation.results();
            if (results.isEmpty()) {
                return best;
            }
            best = results.get(argmax(results));
            if (evaluation.searchOver()) {
                return best;
            }
            List<GoalResult> ranked = GreedyWordSwapWIR.byScoreDescending(results);
            List<AttackedText> refill = new ArrayList<>();
            for (int k = 0; k < Math.min(beamWidth, ranked.size()); k++) {
                refill.add(ranked.get(k).text());
            }
            beam = refill;
        }
        return best;
    }

    private static int argmax(List<GoalResult> results) {
        int best = 0;
        for (int k = 1; k < results.size(); k++) {
            if (results.get(k).score() > results.get(best).score()) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public String describe() {
        return beamWidth == 1 ? "greedy (beam search, width 1)" : "beam-search (width " + beamWidth + ")";
    }
}
