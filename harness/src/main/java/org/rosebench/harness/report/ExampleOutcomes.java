package org.rosebench.harness.report;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Iterator;

/**
 * Per-example success of one evaluation, keyed by data-file index: "correct" for dev/advglue, "robust under attack"
 * (outcome {@code failed}) for attacks. Paired tests match two of these example by example. Stored as sorted indices
 * and a bit set: QQP dev alone has 40k examples per row.
 */
public final class ExampleOutcomes {

    private final int[] ids; // ascending, distinct
    private final BitSet good; // bit i: example ids[i] is good

    private ExampleOutcomes(int[] ids, BitSet good) {
        this.ids = ids;
        this.good = good;
    }

    /** Example {@code i} of the data file is good when {@code predictions[i] == labels[i]}. */
    public static ExampleOutcomes ofPredictions(int[] predictions, int[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException(predictions.length + " predictions but " + labels.length + " labels");
        }
        BitSet good = new BitSet(predictions.length);
        for (int i = 0; i < predictions.length; i++) {
            good.set(i, predictions[i] == labels[i]);
        }
        int[] ids = new int[predictions.length];
        Arrays.setAll(ids, i -> i);
        return new ExampleOutcomes(ids, good);
    }

    /** Example {@code indices[i]} is good when its attack failed (skipped = originally wrong = not robust). */
    public static ExampleOutcomes ofAttack(int[] indices, String[] outcomes) {
        if (indices.length != outcomes.length) {
            throw new IllegalArgumentException(indices.length + " example_indices but " + outcomes.length + " outcomes");
        }
        Integer[] order = new Integer[indices.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Integer.compare(indices[x], indices[y]));
        int[] ids = new int[indices.length];
        BitSet good = new BitSet(indices.length);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            String o = outcomes[i];
            if (!o.equals("succeeded") && !o.equals("failed") && !o.equals("skipped")) {
                throw new IllegalArgumentException("outcome " + i + " is '" + o + "', not succeeded/failed/skipped");
            }
            ids[k] = indices[i];
            if (k > 0 && ids[k] == ids[k - 1]) {
                throw new IllegalArgumentException("example index " + ids[k] + " attacked twice");
            }
            good.set(k, o.equals("failed"));
        }
        return new ExampleOutcomes(ids, good);
    }

    /** Counts this (method) against {@code baseline} example by example over the examples both evaluated. */
    public PairCounts pairWith(ExampleOutcomes baseline) {
        int[] n = new int[4]; // index: 2 * method good + baseline good
        int i = 0;
        int j = 0;
        while (i < ids.length && j < baseline.ids.length) {
            if (ids[i] < baseline.ids[j]) {
                i++;
            } else if (ids[i] > baseline.ids[j]) {
                j++;
            } else {
                n[(good.get(i) ? 2 : 0) + (baseline.good.get(j) ? 1 : 0)]++;
                i++;
                j++;
            }
        }
        return new PairCounts(n[3], n[2], n[1], n[0]);
    }

    public int size() {
        return ids.length;
    }

    /** The example ids every one of {@code outcomes} has, ascending (empty for no outcomes). */
    public static int[] commonIds(Collection<ExampleOutcomes> outcomes) {
        Iterator<ExampleOutcomes> it = outcomes.iterator();
        if (!it.hasNext()) {
            return new int[0];
        }
        int[] common = it.next().ids;
        while (it.hasNext()) {
            int[] other = it.next().ids;
            common = Arrays.stream(common).filter(id -> Arrays.binarySearch(other, id) >= 0).toArray();
        }
        return common;
    }

    /** Bit k set when example {@code exampleIds[k]} is good; every id must be one of this row's examples. */
    public BitSet goodOn(int[] exampleIds) {
        BitSet out = new BitSet(exampleIds.length);
        for (int k = 0; k < exampleIds.length; k++) {
            int i = Arrays.binarySearch(ids, exampleIds[k]);
            if (i < 0) {
                throw new IllegalArgumentException("example " + exampleIds[k] + " was not evaluated");
            }
            out.set(k, good.get(i));
        }
        return out;
    }
}
