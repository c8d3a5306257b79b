package org.rosebench.attacks.text;

import java.util.ArrayList;
import java.util.List;

/**
 * TextAttack's {@code words_from_text} (docs/attacks.md §1.1), with the character offset of every word.
 *
 * <p>The text is split on whitespace; inside each whitespace token the words are the maximal runs of word
 * characters plus {@code ' - _ * @}, with those five symbols stripped from the ends of each run; empty runs
 * are dropped. "Word characters" follow Python's {@code re} {@code \w}: letters, Unicode numbers (Nd, Nl,
 * No) and {@code _}. TextAttack's pattern also contains a fixed set of homoglyphs; all of them are letters or
 * digits except {@code ˗ ` ×}, which therefore also count as word characters here (so {@code `quoted`}
 * keeps its backticks, as in TextAttack).
 *
 * <p>Two stripping behaviours exist: TextAttack v0.3.10, the release rose-bench pins (docs/attacks.md §0), strips
 * only the leading end ({@link EdgeStrip#LEADING}, the default), so a trailing apostrophe or hyphen stays part of the
 * word; v0.3.11 strips <em>both</em> ends ({@link EdgeStrip#BOTH}). TextAttack runs a Chinese segmenter first when
 * the text contains CJK ideographs; that step is not ported.
 */
public final class WordSegmenter {

    /** Which ends of a run lose their {@code ' - _ * @}. */
    public enum EdgeStrip {
        /** TextAttack v0.3.11: strip both ends ({@code 'quoted'} → {@code quoted}). */
        BOTH,
        /** TextAttack v0.3.10 and earlier: strip only the leading end ({@code rock'} stays {@code rock'}). */
        LEADING
    }

    /** v0.3.10 behaviour. */
    public static final WordSegmenter V0_3_10 = new WordSegmenter(EdgeStrip.LEADING);
    /** v0.3.11 behaviour. */
    public static final WordSegmenter V0_3_11 = new WordSegmenter(EdgeStrip.BOTH);
    /** The pinned release's behaviour (v0.3.10), the default everywhere in this module. */
    public static final WordSegmenter DEFAULT = V0_3_10;

    private static final String EXCEPTIONS = "'-_*@";
    // TextAttack's homoglyph characters that are not already word characters.
    private static final String EXTRA_WORD_CHARS = "\u02D7`\u00D7";

    /** A word and the char offset of its first character in the segmented string. */
    public record Word(String text, int start) {
        public int end() {
            return start + text.length();
        }
    }

    private final EdgeStrip edgeStrip;

    public WordSegmenter(EdgeStrip edgeStrip) {
        this.edgeStrip = edgeStrip;
    }

    /** The shared instance for {@code strip}. */
    public static WordSegmenter of(EdgeStrip strip) {
        return strip == EdgeStrip.BOTH ? V0_3_11 : V0_3_10;
    }

    public EdgeStrip edgeStrip() {
        return edgeStrip;
    }

    /** The words of {@code text} with their offsets, in order. */
    public List<Word> segment(String text) {
        List<Word> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isPatternChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            // Runs never cross whitespace, so scanning runs over the whole string equals
            // TextAttack's split-then-findall.
            int runStart = i;
            while (i < n && isPatternChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            addStripped(text, runStart, i, out);
        }
        return out;
    }

    /** The words of {@code text}. */
    public List<String> words(String text) {
        List<Word> segmented = segment(text);
        List<String> words = new ArrayList<>(segmented.size());
        for (Word w : segmented) {
            words.add(w.text());
        }
        return words;
    }

    public int countWords(String text) {
        return segment(text).size();
    }

    /** TextAttack's {@code is_one_word}. */
    public boolean isOneWord(String text) {
        return countWords(text) == 1;
    }

    private void addStripped(String text, int start, int end, List<Word> out) {
        // The symbols are ASCII, so char-wise stripping is safe.
        while (start < end && EXCEPTIONS.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        if (edgeStrip == EdgeStrip.BOTH) {
            while (end > start && EXCEPTIONS.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        if (end > start) {
            out.add(new Word(text.substring(start, end), start));
        }
    }

    private static boolean isPatternChar(int cp) {
        return isPythonWordChar(cp) || EXCEPTIONS.indexOf(cp) >= 0 || EXTRA_WORD_CHARS.indexOf(cp) >= 0;
    }

    /** Python's {@code \w} for str patterns: {@code str.isalnum()} or underscore. */
    static boolean isPythonWordChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
