package org.rosebench.attacks.lexicon;

/** An unordered pair of distinct words, stored in canonical (lexicographic) order: {@code a < b}. */
public record WordPair(String a, String b) {

    public WordPair {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a pair needs two distinct words: " + a);
        }
        if (a.compareTo(b) > 0) {
            String t = a;
            a = b;
            b = t;
        }
    }

    public static WordPair of(String x, String y) {
        return new WordPair(x, y);
    }

    @Override
    public String toString() {
        return "(" + a + ", " + b + ")";
    }
}
