package org.rosebench.attacks.lexicon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TextFooler's word-embedding space, rebuilt from what the registries carry: NLP4J's 50-d vectors
 * ({@link WordVectors#nlp4j()}) counter-fitted ({@link CounterFitting}) to WordNet 3.0's synonyms and antonyms
 * ({@link WordNetSynonyms#synonymPairs}, {@link WordNetSynonyms#antonymPairs}, regular inflections included), with a
 * 50-nearest-neighbour table ({@link NearestNeighbours}). Each stage is cached in the lexicon cache
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

    private static final Map<String, Object> MEMO = new ConcurrentHashMap<>();

    private CounterFittedSpace() {}

    /** What {@link #nlp4j()} serves, for result keys: its vectors, WordNet, the fitting and the search, versioned. */
    public static String nlp4jIdentity() {
        return WordVectors.NLP4J_SOURCE.coordinates() + "!" + WordVectors.NLP4J_ENTRY + " " + WordNetSynonyms.VERSION
                + " inflections=" + DEFAULT_INFLECTIONS + " " + CounterFitting.Params.MRKSIC_2016.key() + " "
                + CounterFitting.ALGORITHM_VERSION + " k=" + NearestNeighbours.DEFAULT_K + " neighbours/" + CODE_VERSION;
    }

    /** The default space: NLP4J, WordNet pairs with inflections, {@link CounterFitting.Params#MRKSIC_2016}, k = 50. */
    public static NearestNeighbours nlp4j() {
        return nlp4j(CounterFitting.Params.MRKSIC_2016, DEFAULT_INFLECTIONS, NearestNeighbours.DEFAULT_K);
    }

    public static NearestNeighbours nlp4j(CounterFitting.Params params, boolean inflections, int k) {
        String memo = "nlp4j|" + params.key() + "|" + inflections + "|" + k;
        return (NearestNeighbours) MEMO.computeIfAbsent(memo, m -> {
            WordVectors fitted = counterFitted(WordVectors.nlp4j(), WordNetSynonyms::shared, params, inflections);
            return NearestNeighbours.cached(fitted, k);
        });
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
        String key = LexiconCache.key(base.contentHash(), WordNetSynonyms.VERSION, "inflections=" + inflections,
                params.key(), CounterFitting.ALGORITHM_VERSION);
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
        List<WordPair> antonyms = wordNet.get().antonymPairs(vocabulary, inflections);
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
