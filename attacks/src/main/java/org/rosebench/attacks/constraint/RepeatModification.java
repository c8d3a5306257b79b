package org.rosebench.attacks.constraint;

import java.util.Set;
import java.util.TreeSet;
import org.rosebench.attacks.text.AttackedText;

/** A word that has already been modified cannot be modified again. */
public final class RepeatModification implements PreTransformationConstraint {

    @Override
    public Set<Integer> modifiableIndices(AttackedText current) {
        Set<Integer> indices = new TreeSet<>();
        for (int i = 0; i < current.numWords(); i++) {
            if (!current.modifiedIndices().contains(i)) {
                indices.add(i);
            }
        }
        return indices;
    }

    @Override
    public String describe() {
        return "repeat-modification";
    }
}
