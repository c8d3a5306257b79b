package org.rosebench.harness.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Task display names and the paper's column order (SST-2, QQP, QNLI, RTE, then MNLI and any others). */
public final class Tasks {

    private static final List<String> ORDER = List.of("sst2", "qqp", "qnli", "rte", "mnli");
    private static final Map<String, String> DISPLAY = Map.of(
            "sst2", "SST-2", "qqp", "QQP", "qnli", "QNLI", "rte", "RTE", "mnli", "MNLI");

    /** Known tasks in paper order, unknown ones after them alphabetically. */
    public static final Comparator<String> ORDERING = Comparator
            .comparingInt(Tasks::rank)
            .thenComparing(Comparator.naturalOrder());

    private Tasks() {}

    public static String display(String task) {
        return DISPLAY.getOrDefault(task, task.toUpperCase(Locale.ROOT));
    }

    /** Lower case without hyphens, so that {@code SST-2} and {@code sst2} name the same task. */
    public static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace("-", "");
    }

    private static int rank(String task) {
        int i = ORDER.indexOf(task);
        return i < 0 ? ORDER.size() : i;
    }
}
