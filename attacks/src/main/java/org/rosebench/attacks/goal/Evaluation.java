package org.rosebench.attacks.goal;

import java.util.List;

/**
 * Results of one batch of queries, in input order (possibly truncated by the query budget), and whether the
 * budget is now used up.
 */
public record Evaluation(List<GoalResult> results, boolean searchOver) {

    public Evaluation {
        results = List.copyOf(results);
    }
}
