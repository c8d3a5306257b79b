package org.rosebench.attacks;

import java.util.List;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.Task;

/**
 * One labelled input to attack.
 *
 * @param id          stable identifier (used to resume a run), e.g. the data-set index
 * @param columnNames column names, e.g. {@code [sentence]} or {@code [premise, hypothesis]}; TextFooler
 *                    freezes the premise only when they are exactly {@code [premise, hypothesis]}
 * @param texts       one text per column
 * @param label       gold class index
 */
public record AttackExample(String id, List<String> columnNames, List<String> texts, int label) {

    public AttackExample {
        columnNames = List.copyOf(columnNames);
        texts = List.copyOf(texts);
        if (columnNames.size() != texts.size() || texts.isEmpty()) {
            throw new IllegalArgumentException("need one name per text: " + columnNames + " / " + texts.size());
        }
    }

    /** A single-text example with TextAttack's default column name {@code text}. */
    public static AttackExample single(String id, String text, int label) {
        return new AttackExample(id, List.of("text"), List.of(text), label);
    }

    /**
     * A core data-set example, with the task's HF column names (sentence; question/sentence; premise/
     * hypothesis; ...), which are the names TextAttack's HF data set wrapper gives it.
     */
    public static AttackExample of(Example example, Task task) {
        List<String> names = task.advGlueTextKeys();
        List<String> texts = example.isPair() ? List.of(example.textA(), example.textB()) : List.of(example.textA());
        if (names.size() != texts.size()) {
            throw new IllegalArgumentException(task.cliName() + " expects " + names.size() + " texts, example "
                    + example.index() + " has " + texts.size());
        }
        return new AttackExample(String.valueOf(example.index()), names, texts, example.label());
    }
}
