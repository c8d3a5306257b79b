package org.rosebench.attacks.transform;

import java.util.List;
import java.util.SortedSet;
import org.rosebench.attacks.text.AttackedText;

/** Builds candidate texts from the current text. */
public interface Transformation {

    /**
     * Candidates that change only {@code indicesToModify} (already narrowed by the pre-transformation
     * constraints). Order does not matter: the attack sorts candidates by text after filtering.
     */
    List<AttackedText> transform(AttackedText current, SortedSet<Integer> indicesToModify);

    String describe();
}
