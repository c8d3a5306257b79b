package org.rosebench.attacks.goal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.attacks.util.LruMap;

/**
 * Queries the victim for one example, counting queries exactly as TextAttack's {@code GoalFunction} does.
 *
 * <ul>
 *   <li>Every text submitted counts as one query, the initial text and cache hits included.</li>
 *   <li>With a budget, a batch is cut to the queries left, and the search is over once the count equals the
 *       budget.</li>
 *   <li>Repeated texts come from an LRU cache (TextAttack's {@code model_cache_size}, 2^20 by default) and
 *       are not sent again; the rest go to the victim in chunks of the model batch size (32 by default).</li>
 * </ul>
 *
 * <p>One evaluator serves one example; TextAttack also clears its caches after each example.
 */
public final class GoalEvaluator {

    /** TextAttack's default model batch size. */
    public static final int DEFAULT_MODEL_BATCH_SIZE = 32;
    /** TextAttack's default model cache size. */
    public static final int DEFAULT_CACHE_SIZE = 1 << 20;

    private final GoalFunction goal;
    private final Victim victim;
    private final int modelBatchSize;
    private final int queryBudget;
    private final Map<List<String>, float[]> cache;
    private int label;
    private int numQueries;
    private int victimInputs;
    private int victimCalls;

    /**
     * @param queryBudget    maximum queries for the example; {@code <= 0} means unlimited (TextAttack's ∞)
     * @param cacheSize      LRU capacity; {@code <= 0} disables the cache
     */
    public GoalEvaluator(GoalFunction goal, Victim victim, int modelBatchSize, int queryBudget, int cacheSize) {
        if (modelBatchSize < 1) {
            throw new IllegalArgumentException("model batch size must be positive: " + modelBatchSize);
        }
        this.goal = goal;
        this.victim = victim;
        this.modelBatchSize = modelBatchSize;
        this.queryBudget = queryBudget;
        this.cache = cacheSize > 0 ? new LruMap<>(cacheSize) : null;
    }

    /** Resets the count and evaluates the original text; its status is SKIPPED when the goal already holds. */
    public GoalResult initialize(AttackedText original, int label) {
        this.label = label;
        this.numQueries = 0;
        return evaluate(List.of(original), true).results().get(0);
    }

    /** Evaluates candidates in one go (cut to the remaining budget). */
    public Evaluation evaluate(List<AttackedText> texts) {
        return evaluate(texts, false);
    }

    private Evaluation evaluate(List<AttackedText> texts, boolean checkSkip) {
        if (hasBudget()) {
            texts = texts.subList(0, Math.min(texts.size(), Math.max(0, queryBudget - numQueries)));
        }
        numQueries += texts.size();
        List<float[]> outputs = callModel(texts);
        List<GoalResult> results = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] p = outputs.get(i);
            boolean complete = goal.isGoalComplete(p, label);
            GoalStatus status = checkSkip && complete ? GoalStatus.SKIPPED
                    : complete ? GoalStatus.SUCCEEDED : GoalStatus.SEARCHING;
            results.add(new GoalResult(texts.get(i), p, status, goal.score(p, label), numQueries, label));
        }
        return new Evaluation(results, hasBudget() && numQueries == queryBudget);
    }

    private List<float[]> callModel(List<AttackedText> texts) {
        Map<List<String>, float[]> fresh = new LinkedHashMap<>();
        for (AttackedText t : texts) {
            List<String> key = t.columnTexts();
            // get() also refreshes the entry's LRU position, as TextAttack re-writes hits.
            if ((cache == null || cache.get(key) == null) && !fresh.containsKey(key)) {
                fresh.put(key, null);
            }
        }
        List<List<String>> pending = new ArrayList<>(fresh.keySet());
        for (int start = 0; start < pending.size(); start += modelBatchSize) {
            List<List<String>> chunk = pending.subList(start, Math.min(pending.size(), start + modelBatchSize));
            List<TextInput> inputs = new ArrayList<>(chunk.size());
            for (List<String> segments : chunk) {
                inputs.add(new TextInput(segments));
            }
            float[][] rows = victim.predict(inputs);
            victimCalls++;
            victimInputs += inputs.size();
            if (rows == null || rows.length != inputs.size()) {
                throw new IllegalStateException("victim returned " + (rows == null ? "null" : rows.length + " rows")
                        + " for " + inputs.size() + " inputs");
            }
            for (int r = 0; r < rows.length; r++) {
                fresh.put(chunk.get(r), toProbabilities(rows[r]));
            }
        }
        List<float[]> outputs = new ArrayList<>(texts.size());
        for (AttackedText t : texts) {
            float[] p = fresh.get(t.columnTexts());
            if (p == null) {
                p = cache.get(t.columnTexts());
            }
            outputs.add(p);
        }
        if (cache != null) {
            cache.putAll(fresh);
        }
        return outputs;
    }

    /** Softmaxes a row unless it already sums to 1 within 1e-6 (TextAttack checks the same tolerance). */
    static float[] toProbabilities(float[] row) {
        double sum = 0;
        for (float v : row) {
            sum += v;
        }
        if (Math.abs(sum - 1) < 1e-6) {
            return row.clone();
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double[] e = new double[row.length];
        double z = 0;
        for (int i = 0; i < row.length; i++) {
            e[i] = Math.exp(row[i] - max);
            z += e[i];
        }
        float[] p = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            p[i] = (float) (e[i] / z);
        }
        if (!(z > 0) || Double.isNaN(z)) {
            throw new IllegalStateException("model scores cannot be turned into probabilities");
        }
        return p;
    }

    private boolean hasBudget() {
        return queryBudget > 0;
    }

    /** Queries counted so far for this example (TextAttack's {@code num_queries}). */
    public int numQueries() {
        return numQueries;
    }

    public boolean budgetExhausted() {
        return hasBudget() && numQueries >= queryBudget;
    }

    /** Texts actually sent to the victim (cache misses). */
    public int victimInputs() {
        return victimInputs;
    }

    /** Victim calls made (batches). */
    public int victimCalls() {
        return victimCalls;
    }
}
