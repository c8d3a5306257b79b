package org.rosebench.attacks.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A text under attack: TextAttack's {@code AttackedText} (docs/attacks.md §1.2).
 *
 * <p>An input has one or more named columns (e.g. {@code premise}, {@code hypothesis}). For indexing, the
 * columns are joined by a newline into {@link #text()} and the word indices run over all columns; the column
 * structure is kept so that every edit rebuilds each column separately.
 *
 * <p>Edits never touch the text between words: {@link #replaceWordsAt} rebuilds the text the way TextAttack
 * does, locating each word in the original string and copying everything around it verbatim. Each derived
 * text records which word indices have been modified since the original (the attack history that
 * {@code RepeatModification} reads), which were modified by the last edit, and where each original word now
 * sits (deletions map to -1).
 *
 * <p>Instances are immutable except for the similarity score that a sentence-encoder constraint attaches to a
 * candidate (TextAttack's {@code attack_attrs["similarity_score"]}).
 */
public final class AttackedText {

    /** Joins columns while rebuilding; TextAttack's {@code SPLIT_TOKEN}. */
    static final String SPLIT_TOKEN = ">>>>";
    private static final Pattern SPLIT_PATTERN = Pattern.compile(Pattern.quote(SPLIT_TOKEN));

    private final List<String> columnNames;
    private final List<String> columnTexts;
    private final WordSegmenter segmenter;
    private final String text;
    private final List<String> words;
    private final int[] wordStarts;
    private final SortedSet<Integer> modifiedIndices;
    private final SortedSet<Integer> newlyModifiedIndices;
    private final int[] originalIndexMap;
    private Double similarityScore;

    private AttackedText(List<String> columnNames, List<String> columnTexts, WordSegmenter segmenter,
            SortedSet<Integer> modifiedIndices, SortedSet<Integer> newlyModifiedIndices, int[] originalIndexMap) {
        if (columnNames.size() != columnTexts.size() || columnNames.isEmpty()) {
            throw new IllegalArgumentException("need one name per column, got " + columnNames + " for "
                    + columnTexts.size() + " texts");
        }
        this.columnNames = List.copyOf(columnNames);
        this.columnTexts = List.copyOf(columnTexts);
        this.segmenter = segmenter;
        this.text = String.join("\n", columnTexts);
        List<WordSegmenter.Word> segmented = segmenter.segment(text);
        List<String> w = new ArrayList<>(segmented.size());
        this.wordStarts = new int[segmented.size()];
        for (int i = 0; i < segmented.size(); i++) {
            w.add(segmented.get(i).text());
            wordStarts[i] = segmented.get(i).start();
        }
        this.words = Collections.unmodifiableList(w);
        this.modifiedIndices = Collections.unmodifiableSortedSet(modifiedIndices);
        this.newlyModifiedIndices = Collections.unmodifiableSortedSet(newlyModifiedIndices);
        this.originalIndexMap = originalIndexMap != null ? originalIndexMap : identity(words.size());
    }

    /** A single-column text (column name {@code text}, as in TextAttack). */
    public static AttackedText of(String text) {
        return of(List.of("text"), List.of(text), WordSegmenter.DEFAULT);
    }

    public static AttackedText of(List<String> columnNames, List<String> columnTexts) {
        return of(columnNames, columnTexts, WordSegmenter.DEFAULT);
    }

    public static AttackedText of(List<String> columnNames, List<String> columnTexts, WordSegmenter segmenter) {
        return new AttackedText(columnNames, columnTexts, segmenter, new TreeSet<>(), new TreeSet<>(), null);
    }

    /** All columns joined by a newline; word offsets refer to this string. */
    public String text() {
        return text;
    }

    public List<String> columnNames() {
        return columnNames;
    }

    public List<String> columnTexts() {
        return columnTexts;
    }

    /** Column name to text, in column order. */
    public Map<String, String> columns() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int c = 0; c < columnNames.size(); c++) {
            map.put(columnNames.get(c), columnTexts.get(c));
        }
        return Collections.unmodifiableMap(map);
    }

    public int numColumns() {
        return columnTexts.size();
    }

    public WordSegmenter segmenter() {
        return segmenter;
    }

    /** The words over all columns. */
    public List<String> words() {
        return words;
    }

    public int numWords() {
        return words.size();
    }

    public String wordAt(int index) {
        return words.get(index);
    }

    /** Char offset of word {@code index} in {@link #text()}. */
    public int wordStart(int index) {
        return wordStarts[index];
    }

    /** The words of each column, in column order (TextAttack's {@code words_per_input}). */
    public List<List<String>> wordsPerColumn() {
        List<List<String>> out = new ArrayList<>();
        for (String column : columnTexts) {
            out.add(segmenter.words(column));
        }
        return out;
    }

    /** Indices of this text whose word differs from the original (the attack history). */
    public SortedSet<Integer> modifiedIndices() {
        return modifiedIndices;
    }

    /** Indices changed by the edit that produced this text. */
    public SortedSet<Integer> newlyModifiedIndices() {
        return newlyModifiedIndices;
    }

    /** For each word of the original text, its index in this text, or -1 once deleted. */
    public int[] originalIndexMap() {
        return originalIndexMap.clone();
    }

    /** The similarity a sentence-encoder constraint gave this candidate, if one did. */
    public OptionalDouble similarityScore() {
        return similarityScore == null ? OptionalDouble.empty() : OptionalDouble.of(similarityScore);
    }

    public void setSimilarityScore(double score) {
        this.similarityScore = score;
    }

    public AttackedText replaceWordAt(int index, String newWord) {
        return replaceWordsAt(new int[] {index}, List.of(newWord));
    }

    /** Removes word {@code index} and one adjacent space (TextAttack's {@code delete_word_at_index}). */
    public AttackedText deleteWordAt(int index) {
        return replaceWordAt(index, "");
    }

    /**
     * Replaces the words at {@code indices}; a replacement may be empty (deletion) or several words.
     * Everything between words is kept verbatim.
     */
    public AttackedText replaceWordsAt(int[] indices, List<String> newWords) {
        if (indices.length != newWords.size()) {
            throw new IllegalArgumentException("cannot replace " + newWords.size() + " words at "
                    + indices.length + " indices");
        }
        List<String> replaced = new ArrayList<>(words);
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= words.size()) {
                throw new IndexOutOfBoundsException("no word " + indices[k] + " in " + words.size() + " words");
            }
            replaced.set(indices[k], newWords.get(k));
        }
        return rebuild(replaced);
    }

    /** Port of TextAttack's {@code generate_new_attacked_text}. */
    private AttackedText rebuild(List<String> newWords) {
        StringBuilder perturbed = new StringBuilder();
        String remaining = String.join(SPLIT_TOKEN, columnTexts);
        TreeSet<Integer> modified = new TreeSet<>(modifiedIndices);
        TreeSet<Integer> newlyModified = new TreeSet<>();
        int[] indexMap = originalIndexMap.clone();
        int newIndex = 0;
        for (int i = 0; i < words.size(); i++) {
            String inputWord = words.get(i);
            String replacement = newWords.get(i);
            int wordStart = remaining.indexOf(inputWord);
            perturbed.append(remaining, 0, wordStart);
            remaining = remaining.substring(wordStart + inputWord.length());
            int replacementWords = segmenter.countWords(replacement);
            int diff = replacementWords - segmenter.countWords(inputWord);
            if (diff != 0) {
                modified = shiftModified(modified, i, diff);
                indexMap = shiftIndexMap(indexMap, i, diff);
            }
            for (int j = 0; j < replacementWords; j++) {
                if (!inputWord.equals(replacement)) {
                    modified.add(newIndex);
                    newlyModified.add(newIndex);
                }
                newIndex++;
            }
            if (replacementWords == 0 && !remaining.isEmpty()) {
                // Drop one space so a deletion does not leave two (TextAttack: only when text follows the word).
                if (i == 0) {
                    if (remaining.startsWith(" ")) {
                        remaining = remaining.substring(1);
                    }
                } else if (perturbed.length() > 0 && perturbed.charAt(perturbed.length() - 1) == ' ') {
                    perturbed.setLength(perturbed.length() - 1);
                }
            }
            perturbed.append(replacement);
        }
        perturbed.append(remaining);
        String[] columns = SPLIT_PATTERN.split(perturbed, -1);
        if (columns.length != columnTexts.size()) {
            throw new IllegalStateException("column structure lost while rebuilding: " + perturbed);
        }
        return new AttackedText(columnNames, Arrays.asList(columns), segmenter, modified, newlyModified, indexMap);
    }

    private static TreeSet<Integer> shiftModified(TreeSet<Integer> modified, int at, int diff) {
        TreeSet<Integer> shifted = new TreeSet<>();
        for (int idx : modified) {
            if (idx < at) {
                shifted.add(idx);
            } else if (idx > at) {
                shifted.add(idx + diff);
            }
        }
        return shifted;
    }

    private static int[] shiftIndexMap(int[] map, int at, int diff) {
        int[] out = map.clone();
        for (int k = 0; k < out.length; k++) {
            if (diff == -1 && out[k] == at) {
                out[k] = -1;
            }
            if (out[k] > at) {
                out[k] += diff;
            }
        }
        return out;
    }

    /**
     * The text of a window of {@code windowSize} words centred on word {@code index}, from the start of its
     * first word to the end of its last (TextAttack's {@code text_window_around_index}, same arithmetic).
     * {@code windowSize <= 0} means an unbounded window: the text from the first word to the end of the
     * last word, which is what TextAttack uses when a sentence encoder has no window.
     *
     * <p>TextAttack finds the window's character offsets by searching each word, lower-cased, in the lower-cased text
     * from the end of the previous one, which gives the true offsets unless lower-casing changes a string's length
     * (e.g. "İ"); this port uses the true word offsets.
     */
    public String textWindowAroundIndex(int index, int windowSize) {
        int length = words.size();
        if (length == 0) {
            return "";
        }
        double window = windowSize <= 0 ? Double.POSITIVE_INFINITY : windowSize;
        double half = (window - 1) / 2.0;
        int start;
        int end;
        if (index - half < 0) {
            start = 0;
            end = (int) Math.min(window - 1, length - 1);
        } else if (index + half >= length) {
            start = (int) Math.max(0, length - window);
            end = length - 1;
        } else {
            start = index - (int) Math.ceil(half);
            end = index + (int) Math.floor(half);
        }
        return text.substring(wordStarts[start], wordStarts[end] + words.get(end).length());
    }

    /** Positions where the words of this text and {@code other} differ, over the shorter length. */
    public SortedSet<Integer> allWordsDiff(AttackedText other) {
        TreeSet<Integer> diff = new TreeSet<>();
        int n = Math.min(words.size(), other.words.size());
        for (int i = 0; i < n; i++) {
            if (!words.get(i).equals(other.words.get(i))) {
                diff.add(i);
            }
        }
        return diff;
    }

    /** The text for display: the bare text for one column, else {@code Name: text} lines. */
    public String printableText() {
        if (columnTexts.size() == 1) {
            return columnTexts.get(0);
        }
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < columnTexts.size(); c++) {
            String name = columnNames.get(c);
            String label = name.isEmpty() ? name
                    : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1).toLowerCase(Locale.ROOT);
            lines.add(label + ": " + columnTexts.get(c));
        }
        return String.join("\n", lines);
    }

    private static int[] identity(int n) {
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = i;
        }
        return map;
    }

    /** Equal when the column names and texts are equal; attack history is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AttackedText other && columnTexts.equals(other.columnTexts)
                && columnNames.equals(other.columnNames);
    }

    @Override
    public int hashCode() {
        return columnTexts.hashCode();
    }

    @Override
    public String toString() {
        return "AttackedText\"" + text + "\"";
    }
}
