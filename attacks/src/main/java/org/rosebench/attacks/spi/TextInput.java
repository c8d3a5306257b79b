package org.rosebench.attacks.spi;

import java.util.List;

/**
 * One model input: one text segment, or two for pair tasks (premise/hypothesis, question/sentence, ...).
 *
 * @param segments the segments in column order, never empty
 */
public record TextInput(List<String> segments) {

    public TextInput {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a text input needs at least one segment");
        }
    }

    public static TextInput single(String text) {
        return new TextInput(List.of(text));
    }

    public static TextInput pair(String first, String second) {
        return new TextInput(List.of(first, second));
    }

    public String first() {
        return segments.get(0);
    }

    /** The second segment, or {@code null} for single-text inputs. */
    public String second() {
        return segments.size() > 1 ? segments.get(1) : null;
    }

    public boolean isPair() {
        return segments.size() == 2;
    }
}
