package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real pipeline: NLP4J vectors → WordNet counter-fitting → 50-NN table, with before/after neighbour shares of the
 * WordNet antonym and synonym pairs. First run about 3–5 minutes on two cores (the NLP4J xz read is 40 s of it), then
 * cached in the lexicon cache.
 */
@Tag("slow")
class CounterFittedSpaceSlowTest {

    private static final int K = NearestNeighbours.DEFAULT_K;

    @Test
    void counterFittingSeparatesAntonymsAndGathersSynonyms() {
        long t0 = System.nanoTime();
        WordVectors base = WordVectors.nlp4j();
        long t1 = System.nanoTime();
        System.out.printf("NLP4J vocabulary: %,d words x %d (%.1f s)%n", base.size(), base.dim(), (t1 - t0) / 1e9);
        assertEquals(50, base.dim());
        assertTrue(base.size() > 60_000 && base.size() < 120_000, "vocabulary " + base.size());
        for (String w : List.of("movie", "movies", "good", "terrible", "self-esteem", "o'clock")) {
            assertTrue(base.contains(w), w);
        }
        assertFalse(base.contains("Movie"));

        WordNetSynonyms wn = WordNetSynonyms.shared();
        Set<String> vocabulary = new HashSet<>(base.words());
        List<WordPair> synonyms = wn.synonymPairs(vocabulary, true);
        List<WordPair> antonyms = wn.antonymPairs(vocabulary, true);
        List<WordPair> lemmaSynonyms = wn.synonymPairs(vocabulary, false);
        List<WordPair> lemmaAntonyms = wn.antonymPairs(vocabulary, false);
        System.out.printf("WordNet pairs in the vocabulary: %,d synonym (%,d between lemmas), %,d antonym (%,d)%n",
                synonyms.size(), lemmaSynonyms.size(), antonyms.size(), lemmaAntonyms.size());

        long t2 = System.nanoTime();
        NearestNeighbours before = NearestNeighbours.cached(base, K);
        long t3 = System.nanoTime();
        NearestNeighbours after = CounterFittedSpace.nlp4j();
        long t4 = System.nanoTime();
        System.out.printf("neighbour table of the original space: %.1f s; counter-fitted space + table: %.1f s%n",
                (t3 - t2) / 1e9, (t4 - t3) / 1e9);

        CounterFittedSpace.Share antBefore = CounterFittedSpace.share(before, antonyms, K);
        CounterFittedSpace.Share antAfter = CounterFittedSpace.share(after, antonyms, K);
        CounterFittedSpace.Share synBefore = CounterFittedSpace.share(before, synonyms, K);
        CounterFittedSpace.Share synAfter = CounterFittedSpace.share(after, synonyms, K);
        System.out.println("antonyms before: " + antBefore);
        System.out.println("antonyms after:  " + antAfter);
        System.out.println("synonyms before: " + synBefore);
        System.out.println("synonyms after:  " + synAfter);
        System.out.println("lemma antonyms before/after: " + CounterFittedSpace.share(before, lemmaAntonyms, K)
                + " / " + CounterFittedSpace.share(after, lemmaAntonyms, K));
        System.out.println("lemma synonyms before/after: " + CounterFittedSpace.share(before, lemmaSynonyms, K)
                + " / " + CounterFittedSpace.share(after, lemmaSynonyms, K));
        for (String w : List.of("good", "bad", "movie", "terrible", "funny", "hot", "increase")) {
            System.out.println(w + ": " + before.neighbours(w, 10) + "\n  -> " + after.neighbours(w, 10));
        }

        assertTrue(antAfter.either() < 0.25 * antBefore.either(), antBefore + " -> " + antAfter);
        assertTrue(antAfter.meanCosine() < antBefore.meanCosine() - 0.2, antBefore + " -> " + antAfter);
        assertTrue(synAfter.either() > synBefore.either() + 0.4, synBefore + " -> " + synAfter);
        assertTrue(after.neighbours("movie", 5).contains("film"));
        assertFalse(after.neighbours("hot", K).contains("cold"), after.neighbours("hot", K).toString());
        assertEquals(after.vectors().words(), base.words());
    }

    /**
     * Held-out pairs: fit on 90% of the synonym and antonym pairs and measure the other 10%, so the shares are not
     * only the training pairs coming back.
     */
    @Test
    void heldOutPairsMoveToo() {
        WordVectors base = WordVectors.nlp4j();
        WordNetSynonyms wn = WordNetSynonyms.shared();
        Set<String> vocabulary = new HashSet<>(base.words());
        List<WordPair> synonyms = new ArrayList<>(wn.synonymPairs(vocabulary, true));
        List<WordPair> antonyms = new ArrayList<>(wn.antonymPairs(vocabulary, true));
        java.util.Collections.shuffle(synonyms, new Random(42));
        java.util.Collections.shuffle(antonyms, new Random(42));
        List<WordPair> synTest = synonyms.subList(0, synonyms.size() / 10);
        List<WordPair> antTest = antonyms.subList(0, antonyms.size() / 10);
        List<WordPair> synTrain = synonyms.subList(synonyms.size() / 10, synonyms.size());
        List<WordPair> antTrain = antonyms.subList(antonyms.size() / 10, antonyms.size());

        long t0 = System.nanoTime();
        WordVectors fitted = CounterFitting.fit(base, synTrain, antTrain, CounterFitting.Params.MRKSIC_2016);
        NearestNeighbours after = NearestNeighbours.build(fitted, K);
        NearestNeighbours before = NearestNeighbours.cached(base, K);
        System.out.printf("held-out fit + table: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        CounterFittedSpace.Share antBefore = CounterFittedSpace.share(before, antTest, K);
        CounterFittedSpace.Share antAfter = CounterFittedSpace.share(after, antTest, K);
        CounterFittedSpace.Share synBefore = CounterFittedSpace.share(before, synTest, K);
        CounterFittedSpace.Share synAfter = CounterFittedSpace.share(after, synTest, K);
        System.out.println("held-out antonyms before: " + antBefore);
        System.out.println("held-out antonyms after:  " + antAfter);
        System.out.println("held-out synonyms before: " + synBefore);
        System.out.println("held-out synonyms after:  " + synAfter);
        assertTrue(synAfter.either() > synBefore.either(), synBefore + " -> " + synAfter);
    }
}
