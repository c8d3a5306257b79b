package org.rosebench.attacks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.rosebench.attacks.constraint.Stopwords;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.SynonymSource;
import org.rosebench.attacks.spi.WordEmbeddingSpace;

/**
 * The backends recipes draw on. Each is optional: a recipe asks only for what it uses and a missing one
 * fails with a message naming it. Backends may be given lazily ({@link Builder#lazy}, resolved once) so
 * that, say, the masked LM is loaded only when a recipe needs it.
 *
 * <p>Stopword sets {@value #NLTK} and {@value #TEXTFOOLER} are preloaded from this module's resources and
 * can be replaced.
 */
public final class AttackResources {

    /** NLTK's English stopwords, TextAttack's default set. */
    public static final String NLTK = "nltk";
    /** TextFooler's 266-word list. */
    public static final String TEXTFOOLER = "textfooler";

    /** The backend types a recipe may ask for. */
    public static final Set<Class<?>> BACKENDS = Set.of(NeighbourIndex.class, WordEmbeddingSpace.class,
            SynonymSource.class, PosTagger.class, SentenceEmbedder.class, MaskedLmScorer.class);

    private final Map<Class<?>, Supplier<?>> backends;
    private final Map<String, Set<String>> stopwords;

    private AttackResources(Builder b) {
        this(b.backends, b.stopwords);
    }

    private AttackResources(Map<Class<?>, Supplier<?>> backends, Map<String, Set<String>> stopwords) {
        this.backends = Map.copyOf(backends);
        this.stopwords = Map.copyOf(stopwords);
    }

    /** Wraps a backend, e.g. to time it. */
    public interface BackendWrapper {
        <T> T wrap(Class<T> type, T backend);
    }

    /**
     * The same resources with every backend passed through {@code wrapper} on first use (still lazily: a backend
     * that was never asked for is not loaded), stopword sets unchanged.
     */
    public AttackResources wrapped(BackendWrapper wrapper) {
        Map<Class<?>, Supplier<?>> out = new HashMap<>();
        backends.forEach((type, supplier) -> out.put(type, memoize(() -> wrapOne(wrapper, type, supplier.get()))));
        return new AttackResources(out, stopwords);
    }

    private static <T> T wrapOne(BackendWrapper wrapper, Class<T> type, Object backend) {
        return backend == null ? null : wrapper.wrap(type, type.cast(backend));
    }

    public static Builder builder() {
        return new Builder();
    }

    public NeighbourIndex neighbourIndex() {
        return get(NeighbourIndex.class, "a word-embedding neighbour index");
    }

    public WordEmbeddingSpace wordEmbeddings() {
        return get(WordEmbeddingSpace.class, "word-embedding cosine similarities");
    }

    public SynonymSource synonymSource() {
        return get(SynonymSource.class, "a WordNet synonym source");
    }

    public PosTagger posTagger() {
        return get(PosTagger.class, "a part-of-speech tagger");
    }

    public SentenceEmbedder sentenceEmbedder() {
        return get(SentenceEmbedder.class, "a sentence embedder");
    }

    public MaskedLmScorer maskedLm() {
        return get(MaskedLmScorer.class, "a masked language model");
    }

    /** A named stopword set ({@value #NLTK}, {@value #TEXTFOOLER} or one added to the builder). */
    public Set<String> stopwords(String name) {
        Set<String> set = stopwords.get(name);
        if (set == null) {
            throw new IllegalStateException("no stopword set named " + name + " (have " + stopwords.keySet() + ")");
        }
        return set;
    }

    private <T> T get(Class<T> type, String what) {
        Supplier<?> s = backends.get(type);
        Object value = s == null ? null : s.get();
        if (value == null) {
            throw new IllegalStateException("this attack needs " + what + " (" + type.getSimpleName()
                    + ") but none was provided in AttackResources");
        }
        return type.cast(value);
    }

    /** Collects backends. */
    public static final class Builder {
        private final Map<Class<?>, Supplier<?>> backends = new HashMap<>();
        private final Map<String, Set<String>> stopwords = new HashMap<>();

        private Builder() {
            stopwords.put(NLTK, Stopwords.nltkEnglish());
            stopwords.put(TEXTFOOLER, Stopwords.textFooler());
        }

        public Builder neighbourIndex(NeighbourIndex v) {
            return put(NeighbourIndex.class, () -> v);
        }


        public Builder wordEmbeddings(WordEmbeddingSpace v) {
            return put(WordEmbeddingSpace.class, () -> v);
        }


        public Builder synonymSource(SynonymSource v) {
            return put(SynonymSource.class, () -> v);
        }


        public Builder posTagger(PosTagger v) {
            return put(PosTagger.class, () -> v);
        }


        public Builder sentenceEmbedder(SentenceEmbedder v) {
            return put(SentenceEmbedder.class, () -> v);
        }


        public Builder maskedLm(MaskedLmScorer v) {
            return put(MaskedLmScorer.class, () -> v);
        }


        public Builder stopwords(String name, Set<String> words) {
            stopwords.put(name, Set.copyOf(words));
            return this;
        }

        /**
         * A backend created on first use (e.g. {@code lazy(MaskedLmScorer.class, () -> loadBert())}), so that
         * recipes that do not need it never load it. The type must be one of the six backend interfaces.
         */
        public <T> Builder lazy(Class<T> type, Supplier<? extends T> supplier) {
            if (!BACKENDS.contains(type)) {
                throw new IllegalArgumentException(type.getName() + " is not an attack backend " + BACKENDS);
            }
            return put(type, supplier);
        }

        private Builder put(Class<?> type, Supplier<?> supplier) {
            backends.put(type, memoize(supplier));
            return this;
        }

        public AttackResources build() {
            return new AttackResources(this);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = s.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
