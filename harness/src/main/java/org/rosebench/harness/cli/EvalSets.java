package org.rosebench.harness.cli;

import org.rosebench.core.data.DataPath;
import java.util.List;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.GlueData;
import org.rosebench.core.data.Split;
import org.rosebench.core.data.Task;

/** Named evaluation sets: GLUE dev splits and the AdvGLUE dev set. */
final class EvalSets {

    private EvalSets() {}

    /** {@code dev} (MNLI: matched), {@code dev_matched}, {@code dev_mismatched}, {@code advglue}, {@code advglue-mm}. */
    static List<Example> load(DataPath dataPath, Task task, String split) {
        GlueData data = new GlueData(dataPath);
        return switch (split) {
            case "advglue" -> data.loadAdvGlue(task.advGlueKeys().get(0));
            case "advglue-mm" -> {
                if (task.advGlueKeys().size() < 2) {
                    throw new IllegalArgumentException("split advglue-mm exists only for mnli");
                }
                yield data.loadAdvGlue(task.advGlueKeys().get(1));
            }
            case "dev" -> data.load(task, task.devSplits().get(0)).examples();
            default -> {
                Split s = Split.byName(split);
                if (!task.splits().contains(s) || s == Split.TRAIN) {
                    throw new IllegalArgumentException("task " + task.cliName() + " has no evaluation split '" + split
                            + "' (use dev, advglue" + (task.devSplits().size() > 1 ? ", dev_matched, dev_mismatched, advglue-mm" : "") + ")");
                }
                yield data.load(task, s).examples();
            }
        };
    }
}
