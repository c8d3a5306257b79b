package org.rosebench.attacks.text;

import java.util.Locale;

/** Python string-case predicates and TextAttack's {@code recover_word_case}. */
public final class WordCase {

    private WordCase() {
    }

    /**
     * Gives {@code word} the case pattern of {@code reference}: lowercase, UPPERCASE (only when the reference
     * is longer than one character) or Capitalized; any other pattern leaves {@code word} unchanged.
     */
    public static String recover(String word, String reference) {
        if (isLower(reference)) {
            return word.toLowerCase(Locale.ROOT);
        }
        if (isUpper(reference) && reference.codePointCount(0, reference.length()) > 1) {
            return word.toUpperCase(Locale.ROOT);
        }
        if (!reference.isEmpty()) {
            int first = reference.codePointAt(0);
            String rest = reference.substring(Character.charCount(first));
            if (isUpper(String.valueOf(Character.toChars(first))) && isLower(rest)) {
                return capitalize(word);
            }
        }
        return word;
    }

    /** Python {@code str.islower()}: at least one cased character and no uppercase or titlecase one. */
    public static boolean isLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isLowerCase(cp);
        }
        return cased;
    }

    /** Python {@code str.isupper()}: at least one cased character and no lowercase or titlecase one. */
    public static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isUpperCase(cp);
        }
        return cased;
    }

    /** Python 3.8+ {@code str.capitalize()}: first character title-cased, the rest lower-cased. */
    public static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return new String(Character.toChars(Character.toTitleCase(first)))
                + s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    }
}
