package org.rosebench.core.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A GLUE split. Which splits a task has is given by {@link Task#splits()}. */
public enum Split {
    TRAIN("train"),
    DEV("dev"),
    /** MNLI only. */
    DEV_MATCHED("dev_matched"),
    /** MNLI only. */
    DEV_MISMATCHED("dev_mismatched");

    private final String fileStem;

    Split(String fileStem) {
        this.fileStem = fileStem;
    }

    /** The split's name as used on the command line and in the official file name ({@code <stem>.tsv}). */
    public String fileStem() {
        return fileStem;
    }

    /** @throws IllegalArgumentException naming the valid splits */
    public static Split byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Split s : values()) {
            if (s.fileStem.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "' (valid: "
                + Arrays.stream(values()).map(Split::fileStem).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return fileStem;
    }
}
