package org.rosebench.attacks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.rosebench.attacks.constraint.Constraint;
import org.rosebench.attacks.constraint.PreTransformationConstraint;
import org.rosebench.attacks.goal.Evaluation;
import org.rosebench.attacks.goal.GoalEvaluator;
import org.rosebench.attacks.goal.GoalFunction;
import org.rosebench.attacks.goal.GoalResult;
import org.rosebench.attacks.goal.GoalStatus;
import org.rosebench.attacks.search.SearchContext;
import org.rosebench.attacks.search.SearchMethod;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.attacks.text.WordSegmenter;
import org.rosebench.attacks.transform.Transformation;

/**
 * An attack as TextAttack composes one: goal function + pre-transformation constraints + transformation +
 * constraints + search method, run against a victim. {@link #attack} handles one example; an instance can be
 * reused for many (query count and cache live in the call). It is not thread-safe (constraints keep caches,
 * e.g. tagged POS contexts): build one attack per thread to attack examples in parallel.
 */
public final class Attack {

    /**
     * Version of the machinery every recipe shares (search, goal function, constraints, transformations, text
     * edits, per-example seeding). Bump when a change alters results (not for a refactor): it is part of the matrix cell keys of every attack cell; a change to one recipe bumps {@link Recipe#version()}.
     */
    // 2: TextAttack v0.3.10 defaults: its word segmentation, the 179-word NLTK stopword list, POS tags read at a
    // word's first occurrence, BAE walking the whole vocabulary, a deleted last word keeping its space
    public static final String VERSION = "2";

    /** Orders candidate texts as Python compares strings: by code point. */
    static final Comparator<AttackedText> BY_TEXT = (a, b) -> compareCodePoints(a.text(), b.text());

    private final String name;
    private final GoalFunction goal;
    private final Victim victim;
    private final List<PreTransformationConstraint> preTransformationConstraints;
    private final Transformation transformation;
    private final List<Constraint> constraints;
    private final SearchMethod search;
    private final AttackOptions options;

    private Attack(Builder b) {
        this.name = b.name;
        this.goal = Objects.requireNonNull(b.goal, "goal function");
        this.victim = Objects.requireNonNull(b.victim, "victim");
        this.preTransformationConstraints = List.copyOf(b.pre);
        this.transformation = Objects.requireNonNull(b.transformation, "transformation");
        this.constraints = List.copyOf(b.constraints);
        this.search = Objects.requireNonNull(b.search, "search method");
        this.options = b.options;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public AttackOptions options() {
        return options;
    }

    /** The pre-transformation constraints, in order (read by {@link CandidateAudit}). */
    List<PreTransformationConstraint> preTransformationConstraints() {
        return preTransformationConstraints;
    }

    Transformation transformation() {
        return transformation;
    }

    /** The constraints in the order they filter (read by {@link CandidateAudit}). */
    List<Constraint> constraints() {
        return constraints;
    }

    /** Attacks one example. */
    public AttackResult attack(AttackExample example) {
        long start = System.nanoTime();
        AttackedText original = AttackedText.of(example.columnNames(), example.texts(), options.segmenter());
        GoalEvaluator evaluator = new GoalEvaluator(goal, victim, options.modelBatchSize(), options.queryBudget(),
                options.cacheSize());
        for (Constraint c : constraints) {
            c.startExample(); // nothing an earlier example left behind may change this one's result
        }
        GoalResult initial = evaluator.initialize(original, example.label());
        GoalResult last;
        AttackStatus status;
        if (initial.status() == GoalStatus.SKIPPED) {
            last = initial;
            status = AttackStatus.SKIPPED;
        } else {
            // Seeded per example so that results do not depend on which examples ran before (resume).
            Random random = new Random(options.seed() * 31 + example.id().hashCode());
            last = search.search(initial, new Context(original, evaluator, random));
            status = last.succeeded() ? AttackStatus.SUCCEEDED : AttackStatus.FAILED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return toResult(example, status, initial, last, evaluator.numQueries(), seconds);
    }

    private static AttackResult toResult(AttackExample example, AttackStatus status, GoalResult initial,
            GoalResult last, int totalQueries, double seconds) {
        AttackedText original = initial.text();
        AttackedText perturbed = last.text();
        return new AttackResult(example.id(), status, original.columnNames(), original.columnTexts(),
                perturbed.columnTexts(), example.label(), initial.predictedLabel(), initial.confidence(),
                initial.probabilities().clone(), last.predictedLabel(), last.confidence(), last.probabilities().clone(),
                initial.score(), last.score(), new ArrayList<>(perturbed.modifiedIndices()), original.numWords(),
                original.allWordsDiff(perturbed).size(), last.numQueries(), totalQueries, seconds);
    }

    /** Candidates of {@code current}, filtered and sorted; shared by every search (TextAttack's get_transformations). */
    private List<AttackedText> transformations(AttackedText original, AttackedText current,
            Collection<Integer> indicesToModify) {
        SortedSet<Integer> indices = new TreeSet<>();
        if (indicesToModify == null) {
            for (int i = 0; i < current.numWords(); i++) {
                indices.add(i);
            }
        } else {
            for (int i : indicesToModify) {
                if (i >= 0 && i < current.numWords()) {
                    indices.add(i);
                }
            }
        }
        for (PreTransformationConstraint c : preTransformationConstraints) {
            indices.retainAll(c.modifiableIndices(current));
        }
        List<AttackedText> candidates = new ArrayList<>();
        for (AttackedText t : transformation.transform(current, indices)) {
            if (!t.text().equals(current.text())) {
                candidates.add(t);
            }
        }
        for (Constraint c : constraints) {
            if (candidates.isEmpty()) {
                break;
            }
            candidates = c.filter(candidates, c.compareAgainstOriginal() ? original : current);
        }
        candidates = new ArrayList<>(candidates);
        // Sorting by text fixes the query order, hence how score ties break (TextAttack does the same).
        candidates.sort(BY_TEXT);
        return candidates;
    }

    private List<Integer> indicesToOrder(AttackedText text) {
        SortedSet<Integer> indices = new TreeSet<>();
        for (int i = 0; i < text.numWords(); i++) {
            indices.add(i);
        }
        for (PreTransformationConstraint c : preTransformationConstraints) {
            indices.retainAll(c.modifiableIndices(text));
        }
        return new ArrayList<>(indices);
    }

    private final class Context implements SearchContext {
        private final AttackedText original;
        private final GoalEvaluator evaluator;
        private final Random random;

        Context(AttackedText original, GoalEvaluator evaluator, Random random) {
            this.original = original;
            this.evaluator = evaluator;
            this.random = random;
        }

        @Override
        public AttackedText original() {
            return original;
        }

        @Override
        public List<Integer> indicesToOrder(AttackedText text) {
            return Attack.this.indicesToOrder(text);
        }

        @Override
        public List<AttackedText> transformations(AttackedText current, Collection<Integer> indicesToModify) {
            return Attack.this.transformations(original, current, indicesToModify);
        }

        @Override
        public Evaluation evaluate(List<AttackedText> texts) {
            return evaluator.evaluate(texts);
        }

        @Override
        public Random random() {
            return random;
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Components and constants, one per line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Attack ").append(name).append('\n');
        sb.append("  goal function:  ").append(goal.describe()).append('\n');
        sb.append("  transformation: ").append(transformation.describe()).append('\n');
        sb.append("  constraints:\n");
        for (PreTransformationConstraint c : preTransformationConstraints) {
            sb.append("    - ").append(c.describe()).append('\n');
        }
        for (Constraint c : constraints) {
            sb.append("    - ").append(c.describe()).append('\n');
        }
        sb.append("  search method:  ").append(search.describe()).append('\n');
        sb.append("  query budget:   ").append(options.queryBudget() > 0 ? options.queryBudget() : "unlimited")
                .append(", model batch size ").append(options.modelBatchSize()).append('\n');
        sb.append("  segmentation:   ").append(options.edgeStrip() == WordSegmenter.EdgeStrip.BOTH
                ? "TextAttack v0.3.11 (symbols stripped at both ends)" : "TextAttack v0.3.10 (leading symbols only)");
        return sb.toString();
    }

    /** Assembles an attack. */
    public static final class Builder {
        private String name = "custom";
        private GoalFunction goal;
        private Victim victim;
        private final List<PreTransformationConstraint> pre = new ArrayList<>();
        private Transformation transformation;
        private final List<Constraint> constraints = new ArrayList<>();
        private SearchMethod search;
        private AttackOptions options = AttackOptions.defaults();

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder goal(GoalFunction goal) {
            this.goal = goal;
            return this;
        }

        public Builder victim(Victim victim) {
            this.victim = victim;
            return this;
        }

        public Builder preTransformationConstraint(PreTransformationConstraint c) {
            pre.add(c);
            return this;
        }

        public Builder transformation(Transformation t) {
            this.transformation = t;
            return this;
        }

        /** Adds a constraint; constraints filter in the order added. */
        public Builder constraint(Constraint c) {
            constraints.add(c);
            return this;
        }

        public Builder search(SearchMethod s) {
            this.search = s;
            return this;
        }

        public Builder options(AttackOptions o) {
            this.options = o;
            return this;
        }

        public Attack build() {
            return new Attack(this);
        }
    }
}
