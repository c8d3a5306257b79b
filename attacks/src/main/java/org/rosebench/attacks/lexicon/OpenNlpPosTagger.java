package org.rosebench.attacks.lexicon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import org.rosebench.attacks.spi.PosTagger;

/**
 * Part-of-speech tags for the Part-of-speech constraint of TextFooler and BAE, from Apache OpenNLP's English
 * Universal Dependencies model ({@code org.apache.opennlp:opennlp-models-pos-en:1.3.0}, resource
 * {@value #MODEL_RESOURCE}, trained on UD English-EWT) in place of NLTK's averaged perceptron.
 *
 * <h2>Tag sets</h2>
 * {@link Tagset#NLTK_UNIVERSAL} (the default, and what {@link PosTagger} promises) maps the model's UD tags onto the
 * 12 tags of NLTK's {@code tagset="universal"}, which is what TextAttack compares: {@code PROPN→NOUN},
 * {@code AUX→VERB}, {@code CCONJ→CONJ}, {@code SCONJ→ADP} (Penn {@code IN}), {@code PART→PRT} except negations
 * ({@code not n't never}, Penn {@code RB}) {@code →ADV}, possessive determiners ({@code my your his her its our
 * their}, Penn {@code PRP$}) {@code →PRON}, {@code PUNCT→.}, {@code SYM INTJ→X}. {@link Tagset#UD} returns the 17 UD
 * tags unchanged; with them a swap between a proper and a common noun, or an auxiliary and a main verb, fails the
 * constraint where NLTK's tags let it pass. The model sometimes predicts a fused tag for a contraction
 * ({@code n't → AUX+PART}); the first part is used.
 *
 * <h2>Context</h2>
 * {@link #tagInContext(List, int)} does what TextAttack's {@code PartOfSpeech._get_pos} does: it tags the window of
 * up to 4 words before and 3 after, and returns the tag at the <em>first</em> occurrence of the target word in that
 * window ({@code word_list.index(word)}, a quirk kept on purpose). {@link #tag(List)} results are cached per
 * space-joined word sequence (LRU, 200,000 sequences). Thread-safe: each thread gets its own {@link POSTaggerME} over
 * one shared model. About 0.4 ms per uncached 8-word window on one core.
 */
public final class OpenNlpPosTagger implements PosTagger {

    /** Resource name of the model inside {@code opennlp-models-pos-en} (its {@code model.properties} names it too). */
    public static final String MODEL_RESOURCE = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    /** Version of the tagging code (tag mapping, context window); bump it when a change alters tags (cell keys). */
    public static final String CODE_VERSION = "1";
    /** Words of context before the target word (TextAttack: {@code words[max(i - 4, 0):i]}). */
    public static final int BEFORE = 4;
    /** Words of context after the target word (TextAttack: {@code words[i + 1:min(i + 4, n)]}). */
    public static final int AFTER = 3;

    /** Which tags the tagger returns. */
    public enum Tagset {
        /** Universal Dependencies v2 UPOS tags, as the model predicts them. */
        UD,
        /** NLTK's 12-tag universal tag set (Petrov et al. 2012), mapped from UD (see the class comment). */
        NLTK_UNIVERSAL
    }

    private static final int CACHE_SIZE = 200_000;
    private static final Set<String> NEGATIONS = Set.of("not", "n't", "never");
    private static final Set<String> POSSESSIVE_DETERMINERS =
            Set.of("my", "your", "his", "her", "its", "our", "their", "thy");
    private static volatile POSModel sharedModel;

    private final POSModel model;
    private final Tagset tagset;
    private final ThreadLocal<POSTaggerME> tagger;
    private final Map<String, List<String>> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private OpenNlpPosTagger(POSModel model, Tagset tagset) {
        this.model = model;
        this.tagset = tagset;
        this.tagger = ThreadLocal.withInitial(() -> new POSTaggerME(model, POSTagFormat.UD));
    }

    /** NLTK universal tags; the model is read once per JVM (about 0.5 s). */
    public static OpenNlpPosTagger load() {
        return load(Tagset.NLTK_UNIVERSAL);
    }

    public static OpenNlpPosTagger load(Tagset tagset) {
        return new OpenNlpPosTagger(loadModel(), tagset);
    }

    public Tagset tagset() {
        return tagset;
    }

    /** The underlying OpenNLP model (shared, thread-safe). */
    public POSModel model() {
        return model;
    }

    /** One tag per word of an already-tokenised sequence (cached; the list is unmodifiable). */
    @Override
    public List<String> tag(List<String> words) {
        if (words.isEmpty()) {
            return List.of();
        }
        String key = String.join(" ", words);
        List<String> tags = cache.get(key);
        if (tags == null) {
            String[] w = words.toArray(new String[0]);
            String[] raw = tagger.get().tag(w);
            String[] out = new String[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = convert(raw[i], w[i]);
            }
            tags = Collections.unmodifiableList(Arrays.asList(out));
            cache.put(key, tags);
        }
        return tags;
    }

    /**
     * The tag of {@code words.get(index)} tagged inside its window of up to {@link #BEFORE} words before and
     * {@link #AFTER} after (TextAttack's {@code PartOfSpeech}; see the class comment).
     */
    public String tagInContext(List<String> words, int index) {
        return tagInContext(words, index, words.get(index));
    }

    /**
     * The tag of {@code word} put at {@code index} of {@code context} (whose own word there is ignored), tagged inside
     * the window of the context: how the constraint tags a replacement against the reference text.
     */
    public String tagInContext(List<String> context, int index, String word) {
        if (index < 0 || index >= context.size()) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (context.size() - 1));
        }
        int from = Math.max(index - BEFORE, 0);
        int to = Math.min(index + 1 + AFTER, context.size());
        List<String> window = new ArrayList<>(to - from);
        window.addAll(context.subList(from, index));
        window.add(word);
        window.addAll(context.subList(index + 1, to));
        return tag(window).get(window.indexOf(word));
    }

    /** TextAttack's {@code _can_replace_pos} with {@code allow_verb_noun_swap=True}: equal, or both in {NOUN, VERB}. */
    public static boolean compatible(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        return isNounOrVerb(a) && isNounOrVerb(b);
    }

    private static boolean isNounOrVerb(String t) {
        return t.equals("NOUN") || t.equals("VERB");
    }

    private String convert(String ud, String word) {
        int plus = ud.indexOf('+');
        String t = plus > 0 ? ud.substring(0, plus) : ud;
        if (tagset == Tagset.UD) {
            return t;
        }
        return switch (t) {
            case "PROPN" -> "NOUN";
            case "AUX" -> "VERB";
            case "CCONJ" -> "CONJ";
            case "SCONJ" -> "ADP";
            case "PART" -> NEGATIONS.contains(word.toLowerCase(Locale.ROOT)) ? "ADV" : "PRT";
            case "DET" -> POSSESSIVE_DETERMINERS.contains(word.toLowerCase(Locale.ROOT)) ? "PRON" : "DET";
            case "PUNCT" -> ".";
            case "SYM", "INTJ" -> "X";
            default -> t; // NOUN VERB ADJ ADV ADP NUM PRON X
        };
    }

    private static POSModel loadModel() {
        POSModel m = sharedModel;
        if (m == null) {
            synchronized (OpenNlpPosTagger.class) {
                m = sharedModel;
                if (m == null) {
                    m = readModel();
                    sharedModel = m;
                }
            }
        }
        return m;
    }

    private static POSModel readModel() {
        ClassLoader cl = OpenNlpPosTagger.class.getClassLoader();
        String name = MODEL_RESOURCE;
        InputStream in = cl.getResourceAsStream(name);
        if (in == null) { // another release of the models jar: its model.properties names the file
            try (InputStream props = cl.getResourceAsStream("model.properties")) {
                if (props != null) {
                    Properties p = new Properties();
                    p.load(props);
                    String n = p.getProperty("model.name");
                    if (n != null && n.startsWith("opennlp-en-") && n.contains("-pos-")) {
                        name = n;
                        in = cl.getResourceAsStream(n);
                    }
                }
            } catch (IOException e) {
                // reported below
            }
        }
        if (in == null) {
            throw new IllegalStateException("the OpenNLP English POS model " + MODEL_RESOURCE + " is not on the"
                    + " classpath; add org.apache.opennlp:opennlp-models-pos-en:1.3.0 (fetch it with: mvn"
                    + " dependency:get -Dartifact=org.apache.opennlp:opennlp-models-pos-en:1.3.0)");
        }
        try (InputStream s = in) {
            return new POSModel(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenNLP model " + name + ": " + e.getMessage(), e);
        }
    }
}
