package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.lexicon.WordRelations.Relation;

/**
 * The audit on a hand-made 2-d space (unit vectors at fixed angles, so every cosine is known) and a hand-made relation
 * set; every share below is counted by hand from the neighbour lists in the comments.
 */
class SynonymAuditTest {

    /** good 0°, fine 10°, nice −20°, bad 60°, table 90°. */
    private static NearestNeighbours space() {
        List<String> words = List.of("good", "fine", "nice", "bad", "table");
        double[] deg = {0, 10, -20, 60, 90};
        float[] data = new float[words.size() * 2];
        for (int i = 0; i < deg.length; i++) {
            data[2 * i] = (float) Math.cos(Math.toRadians(deg[i]));
            data[2 * i + 1] = (float) Math.sin(Math.toRadians(deg[i]));
        }
        return NearestNeighbours.build(new WordVectors(words, data, 2), 3, 1);
    }

    /** good: synonyms fine, nice (and decent, not in the space), antonym bad; bad: antonyms good and fine. */
    private static WordRelations relations() {
        Map<String, Integer> rel = Map.of(
                "good|fine", Relation.SYNONYM.bit(), "good|nice", Relation.SYNONYM.bit(),
                "good|bad", Relation.ANTONYM.bit(), "bad|good", Relation.ANTONYM.bit(),
                "bad|fine", Relation.ANTONYM.bit() | Relation.SIMILAR_TO.bit());
        return new WordRelations() {
            @Override
            public int relations(String word, String other) {
                return rel.getOrDefault(word + "|" + other, 0);
            }

            @Override
            public Set<String> synonyms(String word) {
                return word.equals("good") ? Set.of("fine", "nice", "decent") : Set.of();
            }
        };
    }

    @Test
    void sharesMatchAHandCount() {
        // top-3 neighbours: good -> fine (cos 10° = .985), nice (cos 20° = .940), bad (cos 60° = .5);
        //                   bad  -> table (cos 30° = .866), fine (cos 50° = .643), good (.5)
        SynonymAudit.Scan scan = SynonymAudit.scan(space(), List.of("good", "Bad", "good", "missing"), 3, relations(),
                null);
        assertEquals(2, scan.words()); // "missing" is out of the space, "good" counted once, "Bad" lower-cased

        SynonymAudit.Measures all = scan.at(0.0);
        assertEquals(6, all.candidates());
        assertEquals(6, all.accepted());
        assertEquals(3.0 / 6, all.antonymShare(), 1e-12); // good->bad, bad->fine, bad->good
        assertEquals(1.0 / 6, all.noRelationShare(), 1e-12); // bad->table
        assertEquals(1, all.recallWords()); // only good has synonyms in the space: fine, nice (decent is not)
        assertEquals(1.0, all.recallMacro(), 1e-12);
        assertEquals(2, all.byRelation().get(Relation.SYNONYM));
        assertEquals(3, all.byRelation().get(Relation.ANTONYM)); // bad->fine counts under its first relation

        SynonymAudit.Measures mid = scan.at(0.6); // drops good->bad and bad->good (.5)
        assertEquals(4, mid.accepted());
        assertEquals(4.0 / 6, mid.keptShare(), 1e-12);
        assertEquals(1.0 / 4, mid.antonymShare(), 1e-12);
        assertEquals(1.0 / 4, mid.noRelationShare(), 1e-12);
        assertEquals(1.0, mid.recallMacro(), 1e-12);

        SynonymAudit.Measures high = scan.at(0.95); // only good->fine
        assertEquals(1, high.accepted());
        assertEquals(0.0, high.antonymShare(), 1e-12);
        assertEquals(0.5, high.recallMacro(), 1e-12); // fine of {fine, nice}
        assertEquals(0.5, high.recallPooled(), 1e-12);

        // no antonyms at all from the cosine of bad->table down; the next one (bad->fine) brings one in
        assertEquals(Math.cos(Math.toRadians(30)), scan.thresholdForAntonymShare(0.0), 1e-6);
        // half the synonym neighbours (fine .985, nice .940) kept: the higher one
        assertEquals(Math.cos(Math.toRadians(10)), scan.thresholdKeepingSynonyms(0.5), 1e-6);
        assertEquals(Math.cos(Math.toRadians(20)), scan.thresholdKeepingSynonyms(1.0), 1e-6);
        assertEquals(2, scan.synonymNeighbours());
        assertEquals(Math.cos(Math.toRadians(20)), scan.thresholdKeepingSynonyms(1.0, Set.of("good")), 1e-6);
        assertEquals(Double.NaN, scan.thresholdKeepingSynonyms(1.0, Set.of("bad"))); // bad has no synonym neighbour
        assertEquals(List.of(new SynonymAudit.Example("bad", "fine", scan.examples(Relation.ANTONYM, 0.6, 5).get(0)
                .cosine())), scan.examples(Relation.ANTONYM, 0.6, 5));
        assertEquals("table", scan.examples(null, 0.0, 5).get(0).neighbour());
    }
}
