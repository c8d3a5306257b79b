package org.rosebench.attacks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.rosebench.attacks.constraint.Constraint;
import org.rosebench.attacks.constraint.InputColumnModification;
import org.rosebench.attacks.constraint.PreTransformationConstraint;
import org.rosebench.attacks.text.AttackedText;

/**
 * What an attack's first search step would do with each word of an input: the candidates its transformation
 * proposes and the first of its constraints that rejects each one. It runs the attack's own components in the
 * attack's order (pre-transformation constraints, transformation, constraints), for one word at a time as
 * greedy word swap does, with the original text as the current text: a verdict is the one the attack gives
 * before any swap has been made. Later steps can differ for constraints that compare against the current text or
 * count earlier swaps (repeat-modification, max-words-perturbed).
 *
 * <p>A word that a pre-transformation constraint excludes (a stopword, a frozen column) gets that constraint as
 * its verdict and no candidates, since the attack never asks the transformation about it. Candidates whose
 * text equals the input are dropped, as the attack drops them. Candidates keep the transformation's order (the
 * attack sorts survivors by text). The victim is never queried.
 */
public final class CandidateAudit {

    /** The verdict of a candidate that passes every constraint. */
    public static final String ACCEPTED = "accepted";

    /**
     * One proposed candidate.
     *
     * @param text       the replacement: the words at the indices the candidate changed, space-joined
     * @param verdict    {@link #ACCEPTED} or the name of the first constraint that rejected it
     * @param similarity the score a sentence-encoder constraint attached to it, if one did
     * @param candidate  the whole candidate text
     */
    public record Candidate(String text, String verdict, OptionalDouble similarity, AttackedText candidate) {
    }

    /**
     * One word of the input.
     *
     * @param index             word index over all columns
     * @param word              the word
     * @param segment           its column name
     * @param preTransformation the first pre-transformation constraint excluding it, or null when modifiable
     * @param candidates        its candidates (empty when excluded)
     */
    public record Word(int index, String word, String segment, String preTransformation, List<Candidate> candidates) {
    }

    /**
     * One input column.
     *
     * @param attacked false when a column-freezing constraint (input-column-modification) excludes all its words,
     *                 whichever constraint is named as their verdict (a frozen stopword is named a stopword)
     */
    public record Segment(String name, boolean attacked) {
    }

    /** The audit of one input. */
    public record Result(List<Segment> segments, List<Word> words) {
    }

    private CandidateAudit() {
    }

    /** The audit of {@code texts} (one per column of {@code columnNames}) under {@code attack}. */
    public static Result of(Attack attack, List<String> columnNames, List<String> texts) {
        AttackedText original = AttackedText.of(columnNames, texts, attack.options().segmenter());
        List<PreTransformationConstraint> pre = attack.preTransformationConstraints();
        List<Set<Integer>> modifiable = new ArrayList<>();
        for (PreTransformationConstraint c : pre) {
            modifiable.add(c.modifiableIndices(original));
        }
        List<String> wordSegments = segmentOfEachWord(original);
        List<Word> words = new ArrayList<>();
        Set<String> attackedSegments = new HashSet<>();
        for (int i = 0; i < original.numWords(); i++) {
            String excludedBy = null;
            boolean frozenColumn = false;
            for (int k = 0; k < pre.size(); k++) {
                if (!modifiable.get(k).contains(i)) {
                    if (excludedBy == null) {
                        excludedBy = name(pre.get(k).describe());
                    }
                    frozenColumn |= pre.get(k) instanceof InputColumnModification;
                }
            }
            if (!frozenColumn) {
                attackedSegments.add(wordSegments.get(i));
            }
            List<Candidate> candidates = excludedBy == null ? candidates(attack, original, i) : List.of();
            words.add(new Word(i, original.wordAt(i), wordSegments.get(i), excludedBy, candidates));
        }
        List<Segment> segments = new ArrayList<>();
        for (String name : original.columnNames()) {
            segments.add(new Segment(name, attackedSegments.contains(name)));
        }
        return new Result(segments, words);
    }

    /** Attack.transformations for {@code current == original} and the single index {@code index}, with verdicts. */
    private static List<Candidate> candidates(Attack attack, AttackedText original, int index) {
        SortedSet<Integer> indices = new TreeSet<>(List.of(index));
        List<AttackedText> proposed = new ArrayList<>();
        for (AttackedText t : attack.transformation().transform(original, indices)) {
            if (!t.text().equals(original.text())) {
                proposed.add(t);
            }
        }
        List<String> verdicts = new ArrayList<>();
        for (int k = 0; k < proposed.size(); k++) {
            verdicts.add(ACCEPTED);
        }
        List<AttackedText> surviving = proposed;
        for (Constraint c : attack.constraints()) {
            if (surviving.isEmpty()) {
                break;
            }
            // current == original at the first step, so both kinds of constraint see the original
            Set<AttackedText> kept = new HashSet<>(c.filter(surviving, original));
            List<AttackedText> next = new ArrayList<>();
            for (AttackedText t : surviving) {
                if (kept.contains(t)) {
                    next.add(t);
                } else {
                    for (int k = 0; k < proposed.size(); k++) {
                        if (proposed.get(k) == t) {
                            verdicts.set(k, name(c.describe()));
                        }
                    }
                }
            }
            surviving = next;
        }
        List<Candidate> out = new ArrayList<>();
        for (int k = 0; k < proposed.size(); k++) {
            AttackedText t = proposed.get(k);
            List<String> replaced = new ArrayList<>();
            for (int j : t.newlyModifiedIndices()) {
                replaced.add(t.wordAt(j));
            }
            out.add(new Candidate(String.join(" ", replaced), verdicts.get(k), t.similarityScore(), t));
        }
        return out;
    }

    /** A constraint's name: its description up to the parenthesised details ("stopword-modification"). */
    static String name(String description) {
        int paren = description.indexOf(" (");
        return (paren < 0 ? description : description.substring(0, paren)).strip();
    }

    private static List<String> segmentOfEachWord(AttackedText text) {
        List<String> out = new ArrayList<>();
        List<List<String>> perColumn = text.wordsPerColumn();
        for (int c = 0; c < perColumn.size(); c++) {
            for (int k = 0; k < perColumn.get(c).size(); k++) {
                out.add(text.columnNames().get(c));
            }
        }
        // The joined text is segmented as a whole; fall back to the last column should the counts ever differ.
        while (out.size() < text.numWords()) {
            out.add(text.columnNames().get(text.numColumns() - 1));
        }
        return out;
    }
}
