package org.rosebench.attacks.search;

import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.rosebench.attacks.goal.Evaluation;
import org.rosebench.attacks.text.AttackedText;

/** What the attack gives a search method for one example. */
public interface SearchContext {

    /** The unperturbed input. */
    AttackedText original();

    /** The indices of {@code text} the pre-transformation constraints allow to change, ascending. */
    List<Integer> indicesToOrder(AttackedText text);

    /**
     * Candidates from {@code current}: transformation restricted to {@code indicesToModify} ({@code null} for
     * all) and the pre-transformation constraints, then the constraints in order; texts equal to
     * {@code current} are dropped and the survivors sorted by text, as TextAttack does.
     */
    List<AttackedText> transformations(AttackedText current, Collection<Integer> indicesToModify);

    /** Queries the victim (counted, cached, cut to the budget). */
    Evaluation evaluate(List<AttackedText> texts);

    /** Random source for randomised searches, seeded per attack. */
    Random random();
}
