package org.rosebench.attacks.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.rosebench.attacks.text.AttackedText;

/** Replaces one word at a time with each of its replacement words (TextAttack's {@code WordSwap}). */
public abstract class WordSwap implements Transformation {

    /** Replacement words for {@code word}; a replacement equal to the word is skipped. */
    protected abstract List<String> replacementWords(String word);

    @Override
    public List<AttackedText> transform(AttackedText current, SortedSet<Integer> indicesToModify) {
        List<AttackedText> out = new ArrayList<>();
        for (int i : indicesToModify) {
            String word = current.wordAt(i);
            for (String r : replacementWords(word)) {
                if (!r.equals(word)) {
                    out.add(current.replaceWordAt(i, r));
                }
            }
        }
        return out;
    }
}
