package org.rosebench.attacks.constraint;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.rosebench.attacks.text.AttackedText;

/**
 * Freezes some input columns, but only when the column names are exactly the given list. TextFooler uses
 * (premise, hypothesis) freezing the premise, so MNLI's premise is frozen while QNLI, QQP and RTE, whose
 * columns are named differently, may have both sides modified.
 */
public final class InputColumnModification implements PreTransformationConstraint {

    private final List<String> matchingColumns;
    private final Set<String> columnsToIgnore;

    public InputColumnModification(List<String> matchingColumns, Set<String> columnsToIgnore) {
        this.matchingColumns = List.copyOf(matchingColumns);
        this.columnsToIgnore = Set.copyOf(columnsToIgnore);
    }

    /** TextFooler's setting: freeze {@code premise} of (premise, hypothesis) inputs. */
    public static InputColumnModification premiseFrozen() {
        return new InputColumnModification(List.of("premise", "hypothesis"), Set.of("premise"));
    }

    @Override
    public Set<Integer> modifiableIndices(AttackedText current) {
        Set<Integer> indices = new TreeSet<>();
        if (!current.columnNames().equals(matchingColumns)) {
            for (int i = 0; i < current.numWords(); i++) {
                indices.add(i);
            }
            return indices;
        }
        int offset = 0;
        List<List<String>> perColumn = current.wordsPerColumn();
        for (int c = 0; c < perColumn.size(); c++) {
            int n = perColumn.get(c).size();
            if (!columnsToIgnore.contains(current.columnNames().get(c))) {
                for (int i = offset; i < offset + n; i++) {
                    indices.add(i);
                }
            }
            offset += n;
        }
        return indices;
    }

    @Override
    public String describe() {
        return "input-column-modification (columns " + matchingColumns + ", frozen " + columnsToIgnore + ")";
    }
}
