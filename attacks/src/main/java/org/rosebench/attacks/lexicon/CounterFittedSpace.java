package org.rosebench.attacks.lexicon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TextFooler's word-embedding space, rebuilt from what the registries carry: NLP4J's 50-d vectors
 * ({@link WordVectors#nlp4j()}) counter-fitted ({@link CounterFitting}) to WordNet 3.0's synonyms
 * ({@link WordNetSynonyms#synonymPairs}) and antonyms (lexical pointers, {@link WordNetSynonyms#antonymPairs}, in
 * {@link BuiltIn#V1}; expanded through synsets and similar-to clusters, {@link WordNetRelations#antonymPairs}, in
 * {@link BuiltIn#V2}, the default), regular inflections included, with a 50-nearest-neighbour table
 * ({@link NearestNeighbours}). The build is deterministic (full-batch updates summed in a fixed order) and checked
 * against a pinned content hash. Each stage is cached in the lexicon cache
 * ({@link LexiconCache#dir()}) under a hash of its inputs and hyper-parameters, so the first call costs a few minutes
 * on two cores (mostly reading NLP4J's xz entry) and later calls well under a second.
 *
 * <p>{@link #fromTextFile(Path)} serves TextFooler's own {@code counter-fitted-vectors.txt} (PARAGRAM-SL999
 * counter-fitted, 65,713 words × 300) when a user has it, through the same {@link NearestNeighbours} interface.
 */
public final class CounterFittedSpace {

    /** Whether WordNet pairs are carried over to regular inflections by default. */
    public static final boolean DEFAULT_INFLECTIONS = true;
    /** Version of the neighbour search over the space; bump it when a change alters neighbours (cell keys). */
    public static final String CODE_VERSION = "1";

    /** Which WordNet antonyms the space is counter-fitted against. */
    public enum Antonyms {
        /** WordNet's lexical antonym pointers only ({@link WordNetSynonyms#antonymPairs}). */
        LEXICAL,
        /** expanded through synsets and similar-to clusters ({@link WordNetRelations#antonymPairs}). */
        EXPANDED
    }

    /**
     * The built-in spaces: NLP4J's vectors counter-fitted to WordNet 3.0 synonyms (synset co-members, regular
     * inflections included) and antonyms, with a 50-nearest-neighbour table.
     *
     * @param sha256 first 16 hex digits of the neighbour table's {@link NearestNeighbours#contentHash()} when built
     *               from the bundled sources: the space's identity in result keys, checked after every build
     */
    public enum BuiltIn {
        /** Lexical antonym pointers, the paper's hyper-parameters: the default until 2026-12-04. */
        V1("nlp4j-wordnet-v1", Antonyms.LEXICAL, CounterFitting.Params.MRKSIC_2016, Double.NaN, null),
        /**
         * Antonyms expanded through synsets and similar-to clusters, the paper's hyper-parameters with 80 epochs, and
         * its own word-cosine bound 0.81: the largest bound keeping 95% of the top-50 neighbours that are WordNet
         * synonyms of the training-split words of SST-2, RTE and QNLI (0.8106, rounded down; `rose-bench
         * synonym-audit`, results/attacks/synonym-space-2026-12-04.md).
         */
        V2("nlp4j-wordnet-v2", Antonyms.EXPANDED, CounterFitting.Params.MRKSIC_2016.withEpochs(80), 0.81,
                "a08d80289e0507ec");

        private final String label;
        private final Antonyms antonyms;
        private final CounterFitting.Params params;
        private final double minCosSim;
        private final String sha256;

        BuiltIn(String label, Antonyms antonyms, CounterFitting.Params params, double minCosSim, String sha256) {
            this.label = label;
            this.antonyms = antonyms;
            this.params = params;
            this.minCosSim = minCosSim;
            this.sha256 = sha256;
        }

        /** The word-cosine bound calibrated for this space (NaN: none, TextFooler's 0.5 applies). */
        public double minCosSim() {
            return minCosSim;
        }

        public String label() {
            return label;
        }

        public Antonyms antonyms() {
            return antonyms;
        }

        public CounterFitting.Params params() {
            return params;
        }

        /** The pinned content hash of this space's neighbour table, or null when not pinned. */
        public String sha256() {
            return sha256;
        }

        /** What the space is built from, for reports. */
        public String recipe() {
            return WordVectors.NLP4J_SOURCE.coordinates() + "!" + WordVectors.NLP4J_ENTRY + " " + WordNetSynonyms.VERSION
                    + " antonyms=" + (antonyms == Antonyms.LEXICAL ? "lexical" : WordNetRelations.VERSION)
                    + " inflections=" + DEFAULT_INFLECTIONS + " " + params.key() + " " + CounterFitting.ALGORITHM_VERSION
                    + " k=" + NearestNeighbours.DEFAULT_K + " neighbours/" + CODE_VERSION
                    + (Double.isNaN(minCosSim) ? "" : " min_cos_sim=" + minCosSim);
        }

        public static BuiltIn parse(String label) {
            for (BuiltIn b : values()) {
                if (b.label.equals(label)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("no built-in space '" + label + "' (known: "
                    + java.util.Arrays.stream(values()).map(BuiltIn::label).toList() + ")");
        }
    }

    /** The built-in space the recipes use unless given a vector file. */
    public static final BuiltIn DEFAULT = BuiltIn.V2;

    private static final Map<String, Object> MEMO = new ConcurrentHashMap<>();

    private CounterFittedSpace() {}

    /**
     * What {@link #nlp4j()} serves, for result keys: the pinned content hash of the default space (with what it is
     * built from), so that any change that alters the space changes the keys.
     */
    public static String nlp4jIdentity() {
        return identity(DEFAULT);
    }

    /** A built-in space's identity for result keys: its label, pinned content hash and build recipe. */
    public static String identity(BuiltIn space) {
        return space.label() + " sha256:" + space.sha256() + " " + space.recipe();
    }

    /** The default space ({@link #DEFAULT}). */
    public static NearestNeighbours nlp4j() {
        return builtIn(DEFAULT);
    }

    /**
     * A built-in space, from the lexicon cache or built (a few minutes on two cores); its content hash is checked
     * against the pinned one, so a build that differs (other data, other arithmetic) fails instead of silently
     * producing other neighbours under the same key.
     */
    public static NearestNeighbours builtIn(BuiltIn space) {
        return (NearestNeighbours) MEMO.computeIfAbsent("builtin|" + space.label(), m -> {
            WordVectors base = WordVectors.nlp4j();
            WordVectors fitted = counterFitted(base, () -> antonymSource(space.antonyms()), WordNetSynonyms::shared,
                    space.params(), DEFAULT_INFLECTIONS, space.antonyms() == Antonyms.LEXICAL ? null
                            : WordNetRelations.VERSION);
            NearestNeighbours nn = NearestNeighbours.cached(fitted, NearestNeighbours.DEFAULT_K);
            String hash = nn.contentHash();
            if (space.sha256() != null && !space.sha256().equals(hash)) {
                throw new IllegalStateException("the built-in space " + space.label() + " was built with content hash "
                        + hash + ", not the pinned " + space.sha256() + ": its sources or the build code changed;"
                        + " pin the new hash in CounterFittedSpace.BuiltIn (and say why) or restore the sources");
            }
            return Double.isNaN(space.minCosSim()) ? nn : nn.withCalibratedMinCosSim(space.minCosSim());
        });
    }

    private static java.util.function.Function<Set<String>, List<WordPair>> antonymSource(Antonyms rule) {
        return rule == Antonyms.LEXICAL ? v -> WordNetSynonyms.shared().antonymPairs(v, DEFAULT_INFLECTIONS)
                : v -> WordNetRelations.shared().antonymPairs(v, DEFAULT_INFLECTIONS);
    }

    /**
     * {@code base} counter-fitted to WordNet's synonym and antonym pairs within its vocabulary, from the lexicon cache
     * ({@code counterfitted-<hash>.vec}) or fitted and cached.
     */
    public static WordVectors counterFitted(WordVectors base, WordNetSynonyms wordNet, CounterFitting.Params params,
            boolean inflections) {
        return counterFitted(base, () -> wordNet, params, inflections);
    }

    private static WordVectors counterFitted(WordVectors base, java.util.function.Supplier<WordNetSynonyms> wordNet,
            CounterFitting.Params params, boolean inflections) {
        return counterFitted(base, () -> v -> wordNet.get().antonymPairs(v, inflections), wordNet, params, inflections,
                null);
    }

    /**
     * @param antonymRule null for lexical antonym pointers (the cache key of spaces built before antonym rules
     *                    existed), else the version of the expanded rule
     */
    private static WordVectors counterFitted(WordVectors base,
            java.util.function.Supplier<java.util.function.Function<Set<String>, List<WordPair>>> antonymPairs,
            java.util.function.Supplier<WordNetSynonyms> wordNet, CounterFitting.Params params, boolean inflections,
            String antonymRule) {
        List<String> keyParts = new java.util.ArrayList<>(List.of(base.contentHash(), WordNetSynonyms.VERSION,
                "inflections=" + inflections, params.key(), CounterFitting.ALGORITHM_VERSION));
        if (antonymRule != null) {
            keyParts.add("antonyms=" + antonymRule);
        }
        String key = LexiconCache.key(keyParts.toArray(new String[0]));
        Path file = LexiconCache.dir().resolve("counterfitted-" + key + ".vec");
        if (Files.isRegularFile(file)) {
            try {
                return WordVectors.read(file);
            } catch (IOException e) {
                LexiconCache.log("ignoring unreadable cache file %s (%s)", file, e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        java.util.Set<String> vocabulary = new java.util.HashSet<>(base.words());
        List<WordPair> synonyms = wordNet.get().synonymPairs(vocabulary, inflections);
        List<WordPair> antonyms = antonymPairs.get().apply(vocabulary);
        long t1 = System.nanoTime();
        CounterFitting.Problem problem = CounterFitting.problem(base, synonyms, antonyms, params);
        long t2 = System.nanoTime();
        CounterFitting.Result result = CounterFitting.fit(problem, params);
        long t3 = System.nanoTime();
        WordVectors fitted = new WordVectors(base.words(), result.vectors(), base.dim());
        try {
            fitted.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        List<CounterFitting.EpochStats> h = result.history();
        LexiconCache.log("counter-fitting %,d words: %,d synonym, %,d antonym, %,d VSP pairs; pairs %.1f s, VSP"
                + " search %.1f s, %d epochs %.1f s; %s -> %s; cached at %s", base.size(), problem.synonymPairs(),
                problem.antonymPairs(), problem.vspPairs(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, params.epochs(),
                (t3 - t2) / 1e9, h.get(0), h.get(h.size() - 1), file);
        return fitted;
    }

    /**
     * TextFooler's counter-fitted vectors from a text file (a word and its floats per line), with their neighbour
     * table (cached by content hash).
     */
    public static NearestNeighbours fromTextFile(Path file) throws IOException {
        String memo = "text|" + file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|"
                + Files.getLastModifiedTime(file).toMillis();
        try {
            return (NearestNeighbours) MEMO.computeIfAbsent(memo, m -> {
                try {
                    return NearestNeighbours.cached(WordVectors.readText(file), NearestNeighbours.DEFAULT_K);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // ---------------------------------------------------------------- diagnostics

    /**
     * How a pair set sits in a neighbour table.
     *
     * @param pairs      pairs with both words in the vocabulary
     * @param either     share of pairs where one word is among the other's k nearest neighbours
     * @param both       share where each is among the other's k nearest neighbours
     * @param meanCosine mean cosine similarity of the pairs
     */
    public record Share(int pairs, double either, double both, double meanCosine) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d pairs: %.1f%% within k-NN (either way), %.1f%% (both ways),"
                    + " mean cosine %.3f", pairs, 100 * either, 100 * both, meanCosine);
        }
    }

    /** {@link Share} of {@code pairs} in the first {@code k} neighbours of {@code nn}. */
    public static Share share(NearestNeighbours nn, Collection<WordPair> pairs, int k) {
        WordVectors v = nn.vectors();
        int count = 0, either = 0, both = 0;
        double cos = 0;
        for (WordPair p : pairs) {
            int i = v.indexOf(p.a());
            int j = v.indexOf(p.b());
            if (i < 0 || j < 0) {
                continue;
            }
            count++;
            boolean ij = nn.isNeighbour(i, j, k);
            boolean ji = nn.isNeighbour(j, i, k);
            either += ij || ji ? 1 : 0;
            both += ij && ji ? 1 : 0;
            cos += v.cosine(i, j);
        }
        return count == 0 ? new Share(0, Double.NaN, Double.NaN, Double.NaN)
                : new Share(count, (double) either / count, (double) both / count, cos / count);
    }
}
