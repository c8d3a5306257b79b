package org.rosebench.attacks.constraint;

import java.util.Set;
import org.rosebench.attacks.text.AttackedText;

/** Restricts which word indices a transformation may change, before any candidate is built. */
public interface PreTransformationConstraint {

    /** The indices of {@code current} that may be modified. */
    Set<Integer> modifiableIndices(AttackedText current);

    String describe();
}
