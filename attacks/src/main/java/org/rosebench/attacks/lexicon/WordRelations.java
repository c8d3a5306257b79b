package org.rosebench.attacks.lexicon;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lexical relations between two vocabulary words, for auditing a neighbour space ({@link SynonymAudit}). Relations
 * are given as a bit mask of {@link Relation}s so that one pair can hold several (a polysemous word can be a synonym
 * in one sense and an antonym in another).
 */
public interface WordRelations {

    /** The relation kinds an audit tells apart, in the order a pair is classified by its first one. */
    enum Relation {
        /** an antonym, directly or through the synset or the similar-to cluster of an antonym */
        ANTONYM("antonym"),
        /** members of one synset */
        SYNONYM("synonym"),
        /** inflections of one base form (movie, movies) */
        INFLECTION("inflection"),
        /** adjective similar-to (head and satellites) */
        SIMILAR_TO("similar-to"),
        /** direct hypernym or hyponym, instances included */
        HYPERNYM("hypernym/hyponym"),
        /** derivationally related form, pertainym, participle */
        DERIVATION("derivation"),
        /** also-see */
        ALSO_SEE("also-see"),
        /** verb group, attribute, entailment, cause, meronym/holonym */
        OTHER("other pointer"),
        /** sharing a direct hypernym (sister terms) */
        CO_HYPONYM("co-hyponym");

        private final String label;

        Relation(String label) {
            this.label = label;
        }

        public int bit() {
            return 1 << ordinal();
        }

        public String label() {
            return label;
        }

        /** The relations in a mask. */
        public static Set<Relation> of(int mask) {
            Set<Relation> out = EnumSet.noneOf(Relation.class);
            for (Relation r : values()) {
                if ((mask & r.bit()) != 0) {
                    out.add(r);
                }
            }
            return out;
        }

        /** The first relation of a mask in declaration order, or null for none. */
        public static Relation first(int mask) {
            for (Relation r : values()) {
                if ((mask & r.bit()) != 0) {
                    return r;
                }
            }
            return null;
        }
    }

    /** The relations linking {@code word} to {@code other} (both lower-case), as a {@link Relation} bit mask. */
    int relations(String word, String other);

    /**
     * The synonyms of {@code word} that recall is measured on (lower-case single words); empty when the word is not
     * one the relation source defines synonyms for.
     */
    Set<String> synonyms(String word);
}
