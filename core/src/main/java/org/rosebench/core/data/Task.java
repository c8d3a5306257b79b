package org.rosebench.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The GLUE / AdvGLUE classification tasks the benchmark uses (docs/data-formats.md §2–§4).
 *
 * <p>Label names are in the HF {@code glue} ClassLabel order, which AdvGLUE also uses. MNLI is deliberately
 * entailment, neutral, contradiction and NOT transformers' legacy processor order.
 */
public enum Task {
    SST2("sst2", "SST-2", List.of("negative", "positive"),
            List.of(new TsvLayout("GLUE", "sentence", null, "label")),
            List.of(Split.TRAIN, Split.DEV),
            List.of("sst2"), List.of("sentence")),
    QNLI("qnli", "QNLI", List.of("entailment", "not_entailment"),
            List.of(new TsvLayout("GLUE", "question", "sentence", "label")),
            List.of(Split.TRAIN, Split.DEV),
            List.of("qnli"), List.of("question", "sentence")),
    // The official files (id qid1 qid2 ...) and the HF-derived dev.hf.tsv (idx ...) share these column names.
    QQP("qqp", "QQP", List.of("not_duplicate", "duplicate"),
            List.of(new TsvLayout("GLUE", "question1", "question2", "is_duplicate")),
            List.of(Split.TRAIN, Split.DEV),
            List.of("qqp"), List.of("question1", "question2")),
    RTE("rte", "RTE", List.of("entailment", "not_entailment"),
            List.of(new TsvLayout("GLUE", "sentence1", "sentence2", "label")),
            List.of(Split.TRAIN, Split.DEV),
            List.of("rte"), List.of("sentence1", "sentence2")),
    // Official train/dev: label = last column gold_label (dev adds label2-5 before it);
    // the HF-derived dev_*.hf.tsv renames the texts premise/hypothesis and writes the label name under "label".
    MNLI("mnli", "MNLI", List.of("entailment", "neutral", "contradiction"),
            List.of(new TsvLayout("official GLUE", "sentence1", "sentence2", "gold_label"),
                    new TsvLayout("HF-derived", "premise", "hypothesis", "label")),
            List.of(Split.TRAIN, Split.DEV_MATCHED, Split.DEV_MISMATCHED),
            List.of("mnli", "mnli-mm"), List.of("premise", "hypothesis"));

    private final String cliName;
    private final String glueDir;
    private final List<String> labelNames;
    private final List<TsvLayout> tsvLayouts;
    private final List<Split> splits;
    private final List<String> advGlueKeys;
    private final List<String> advGlueTextKeys;

    Task(String cliName, String glueDir, List<String> labelNames, List<TsvLayout> tsvLayouts, List<Split> splits,
            List<String> advGlueKeys, List<String> advGlueTextKeys) {
        this.cliName = cliName;
        this.glueDir = glueDir;
        this.labelNames = labelNames;
        this.tsvLayouts = tsvLayouts;
        this.splits = splits;
        this.advGlueKeys = advGlueKeys;
        this.advGlueTextKeys = advGlueTextKeys;
    }

    /** Command-line name, e.g. {@code sst2}. */
    public String cliName() {
        return cliName;
    }

    /** Folder name under {@code glue/}, e.g. {@code SST-2}. */
    public String glueDir() {
        return glueDir;
    }

    /** Label names; label {@code i} is {@code labelNames().get(i)}. */
    public List<String> labelNames() {
        return labelNames;
    }

    public int numLabels() {
        return labelNames.size();
    }

    public boolean isPair() {
        return advGlueTextKeys.size() == 2;
    }

    /** Accepted TSV header layouts, in order of preference. */
    public List<TsvLayout> tsvLayouts() {
        return tsvLayouts;
    }

    /** The splits with labels: train and dev (MNLI: train, dev_matched, dev_mismatched). */
    public List<Split> splits() {
        return splits;
    }

    /** The evaluation splits: {@code [dev]}, for MNLI {@code [dev_matched, dev_mismatched]}. */
    public List<Split> devSplits() {
        return splits.subList(1, splits.size());
    }

    /** Keys of this task in AdvGLUE {@code dev.json}; MNLI has {@code mnli} (matched) and {@code mnli-mm}. */
    public List<String> advGlueKeys() {
        return advGlueKeys;
    }

    /** Item keys holding the text(s) in AdvGLUE, textA first. */
    public List<String> advGlueTextKeys() {
        return advGlueTextKeys;
    }

    /**
     * Maps a label string to its index: a label name (exact match), or a decimal index in range (SST-2 and QQP
     * files store {@code 0}/{@code 1}).
     *
     * @return the label index, or -1 if the string is neither
     */
    public int labelIndex(String value) {
        int byName = labelNames.indexOf(value);
        if (byName >= 0) {
            return byName;
        }
        if (!value.isEmpty() && value.length() <= 2 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int i = Integer.parseInt(value);
            return i < labelNames.size() ? i : -1;
        }
        return -1;
    }

    /**
     * Looks a task up by CLI name or GLUE folder name, case-insensitively.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Task byName(String name) {
        String key = name == null ? "" : name.trim();
        for (Task t : values()) {
            if (t.cliName.equalsIgnoreCase(key) || t.glueDir.equalsIgnoreCase(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "' (valid: "
                + Arrays.stream(values()).map(Task::cliName).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The task of an AdvGLUE key ({@code mnli-mm} → MNLI).
     *
     * @throws IllegalArgumentException listing the valid keys
     */
    public static Task byAdvGlueKey(String key) {
        for (Task t : values()) {
            if (t.advGlueKeys.contains(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown AdvGLUE task key '" + key + "' (valid: " + String.join(", ", allAdvGlueKeys()) + ")");
    }

    /** All AdvGLUE task keys, in enum order. */
    public static List<String> allAdvGlueKeys() {
        return Arrays.stream(values()).flatMap(t -> t.advGlueKeys.stream()).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
