package org.rosebench.attacks.constraint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The stopword lists the recipes use, read from text files with one word per line ({@code #} starts a
 * comment line).
 */
public final class Stopwords {

    private static final String DIR = "/org/rosebench/attacks/stopwords/";

    private Stopwords() {
    }

    /** TextFooler's 266-word list (docs/attacks.md §8), used by the textfooler recipe. */
    public static Set<String> textFooler() {
        return resource("textfooler.txt");
    }

    /**
     * NLTK's English stopword corpus as TextAttack v0.3.10 used it (179 words: the nltk_data list of its release
     * date, contractions such as {@code don't} included), TextAttack's default set; the resource names its source.
     */
    public static Set<String> nltkEnglish() {
        return resource("nltk-english.txt");
    }

    public static Set<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stopwords " + file, e);
        }
    }

    private static Set<String> resource(String name) {
        try (InputStream in = Stopwords.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + name);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stopwords " + name, e);
        }
    }

    private static Set<String> parse(InputStream in) throws IOException {
        Set<String> words = new LinkedHashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String word = line.strip();
            if (!word.isEmpty() && !word.startsWith("#")) {
                words.add(word);
            }
        }
        return Collections.unmodifiableSet(words);
    }
}
