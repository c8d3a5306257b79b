package org.rosebench.attacks.constraint;

import java.util.Set;
import java.util.TreeSet;
import org.rosebench.attacks.text.AttackedText;

/**
 * Stopwords cannot be modified. Matching is case-sensitive on the word as written, as in TextAttack, so
 * with the lower-case lists a sentence-initial "The" is not a stopword.
 */
public final class StopwordModification implements PreTransformationConstraint {

    private final Set<String> stopwords;
    private final String setName;

    public StopwordModification(Set<String> stopwords, String setName) {
        this.stopwords = Set.copyOf(stopwords);
        this.setName = setName;
    }

    @Override
    public Set<Integer> modifiableIndices(AttackedText current) {
        Set<Integer> indices = new TreeSet<>();
        for (int i = 0; i < current.numWords(); i++) {
            if (!stopwords.contains(current.wordAt(i))) {
                indices.add(i);
            }
        }
        return indices;
    }

    public Set<String> stopwords() {
        return stopwords;
    }

    @Override
    public String describe() {
        return "stopword-modification (" + setName + ", " + stopwords.size() + " words, case-sensitive)";
    }
}
