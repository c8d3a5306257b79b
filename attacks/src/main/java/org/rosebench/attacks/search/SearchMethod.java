package org.rosebench.attacks.search;

import org.rosebench.attacks.goal.GoalResult;

/** Explores candidate perturbations until the goal is reached or the search is exhausted. */
public interface SearchMethod {

    /** The final result: a succeeded one, or the best found (possibly {@code initial}). */
    GoalResult search(GoalResult initial, SearchContext context);

    String describe();
}
