package org.rosebench.attacks.lexicon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CounterFittingTest {

    /** 6 words in 3-d: happy–glad synonyms (far apart), hot–cold antonyms (close), joyful next to happy. */
    private static WordVectors tiny() {
        List<String> words = List.of("happy", "joyful", "glad", "hot", "cold", "table");
        float[] data = {
            1f, 0f, 0f,
            0.95f, 0.1f, 0.05f,
            0f, 1f, 0f,
            0f, 0.1f, 1f,
            0.05f, 0.2f, 1f,
            -1f, 0f, 0.2f,
        };
        return new WordVectors(words, data, 3);
    }

    private static final List<WordPair> SYN = List.of(WordPair.of("happy", "glad"));
    private static final List<WordPair> ANT = List.of(WordPair.of("hot", "cold"));

    @Test
    void synonymsAttractAntonymsRepelNeighboursStay() {
        WordVectors v = tiny();
        CounterFitting.Params p = CounterFitting.Params.MRKSIC_2016;
        CounterFitting.Problem pr = CounterFitting.problem(v, SYN, ANT, p);
        assertEquals(1, pr.synonymPairs());
        assertEquals(1, pr.antonymPairs());
        assertEquals(1, pr.vspPairs()); // happy–joyful; hot–cold is close too but an antonym pair
        CounterFitting.Result r = CounterFitting.fit(pr, p, 2);
        WordVectors f = new WordVectors(v.words(), r.vectors(), 3);

        assertTrue(f.cosine("happy", "glad") > v.cosine("happy", "glad") + 0.5,
                v.cosine("happy", "glad") + " -> " + f.cosine("happy", "glad"));
        assertTrue(f.cosine("hot", "cold") < v.cosine("hot", "cold") - 0.5,
                v.cosine("hot", "cold") + " -> " + f.cosine("hot", "cold"));
        assertTrue(f.cosine("hot", "cold") < 0.2, "antonyms pushed to about orthogonal: " + f.cosine("hot", "cold"));
        // an untouched word does not move
        assertEquals(1.0, cosineToOriginal(v, f, "table"), 1e-6);
        // the loss goes down
        List<CounterFitting.EpochStats> h = r.history();
        assertTrue(h.get(h.size() - 1).loss() < 0.5 * h.get(0).loss(), h.toString());

        // VSP holds happy's neighbourhood: joyful stays closer to happy than without the VSP term
        CounterFitting.Params noVsp = new CounterFitting.Params(1.0, 0.0, 0.2, 0.1, 0.1, 0.0, 20, 1.0);
        WordVectors g = new WordVectors(v.words(), CounterFitting.fit(CounterFitting.problem(v, SYN, ANT, noVsp),
                noVsp, 1).vectors(), 3);
        double drift = Math.abs(f.cosine("happy", "joyful") - v.cosine("happy", "joyful"));
        double driftNoVsp = Math.abs(g.cosine("happy", "joyful") - v.cosine("happy", "joyful"));
        assertTrue(drift < driftNoVsp, "VSP drift " + drift + " vs " + driftNoVsp);
        // unit vectors out
        for (int i = 0; i < f.size(); i++) {
            assertEquals(1.0, f.cosine(i, i), 1e-6);
            double n = 0;
            for (int k = 0; k < 3; k++) {
                n += f.data()[i * 3 + k] * f.data()[i * 3 + k];
            }
            assertEquals(1.0, n, 1e-5);
        }
    }

    private static double cosineToOriginal(WordVectors v, WordVectors f, String w) {
        float[] a = v.vector(w), b = f.vector(w);
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void fitDoesNotDependOnTheThreadCount() {
        WordVectors v = randomSpace(300, 8, 5);
        List<WordPair> syn = List.of(WordPair.of("w1", "w2"), WordPair.of("w3", "w4"), WordPair.of("w1", "w5"));
        List<WordPair> ant = List.of(WordPair.of("w6", "w7"), WordPair.of("w1", "w8"));
        CounterFitting.Params p = new CounterFitting.Params(1.0, 0.0, 0.6, 0.1, 0.1, 0.1, 5, 1.0);
        CounterFitting.Problem pr = CounterFitting.problem(v, syn, ant, p);
        assertTrue(pr.vspPairs() > 10, "vsp " + pr.vspPairs());
        float[] one = CounterFitting.fit(pr, p, 1).vectors();
        float[] two = CounterFitting.fit(pr, p, 2).vectors();
        float[] four = CounterFitting.fit(pr, p, 4).vectors();
        org.junit.jupiter.api.Assertions.assertArrayEquals(one, two); // fixed gradient chunks: bit-identical
        org.junit.jupiter.api.Assertions.assertArrayEquals(one, four);
    }

    /** Each term's analytic gradient against central finite differences, at a point where hinges are active. */
    @Test
    void gradientMatchesFiniteDifferences() {
        WordVectors v = randomSpace(6, 3, 11);
        List<WordPair> syn = List.of(WordPair.of("w0", "w1"), WordPair.of("w2", "w3"));
        List<WordPair> ant = List.of(WordPair.of("w0", "w4"), WordPair.of("w3", "w5"));
        double[][] weights = {{0.1, 0, 0}, {0, 0.1, 0}, {0, 0, 0.1}, {0.1, 0.2, 0.3}};
        for (double[] w : weights) {
            // delta 1.5 keeps the AR hinges active; rho 2.0 puts every non-antonym pair in the VSP set
            CounterFitting.Params p = new CounterFitting.Params(1.5, 0.0, 2.0, w[0], w[1], w[2], 1, 1.0);
            CounterFitting.Problem pr = CounterFitting.problem(v, syn, ant, p);
            assertEquals(13, pr.vspPairs());
            // evaluate away from the initial point (so some VSP distances have grown) and off the unit sphere
            Random r = new Random(7);
            float[] x = pr.initial();
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] * (1.0f + 0.5f * r.nextFloat()) + 0.3f * (float) r.nextGaussian();
            }
            double base = CounterFitting.loss(pr, x, p);
            assertTrue(base > 0, "some hinge active");
            float[] g = CounterFitting.gradient(pr, x, p);
            double maxAbs = 0;
            for (float gi : g) {
                maxAbs = Math.max(maxAbs, Math.abs(gi));
            }
            assertTrue(maxAbs > 1e-3, "non-trivial gradient");
            for (int i = 0; i < x.length; i++) {
                float orig = x[i];
                float hi = orig + 1e-3f, lo = orig - 1e-3f;
                x[i] = hi;
                double fHi = CounterFitting.loss(pr, x, p);
                x[i] = lo;
                double fLo = CounterFitting.loss(pr, x, p);
                x[i] = orig;
                double fd = (fHi - fLo) / ((double) hi - lo);
                assertEquals(fd, g[i], 2e-3 + 1e-2 * Math.abs(fd), "coordinate " + i + " weights "
                        + java.util.Arrays.toString(w));
            }
        }
    }

    static WordVectors randomSpace(int n, int d, long seed) {
        Random r = new Random(seed);
        List<String> words = new java.util.ArrayList<>();
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            words.add("w" + i);
            for (int k = 0; k < d; k++) {
                data[i * d + k] = (float) r.nextGaussian();
            }
        }
        return new WordVectors(words, data, d);
    }

    /**
     * One epoch by hand on a 2-d toy: antonyms u = (1, 0), w = (0.6, 0.8) (cosine distance 0.4 < δ = 1) and synonyms
     * s = (−1, 0), t = (0, −1) (distance 1 > γ = 0); no pair is closer than ρ = 0.2, so there are no VSP terms, and
     * each word is in one active term (count 1).
     * AR gradient k1·(w − cos·u) for u = 0.1·(0, 0.8); for w 0.1·(u − cos·w) = (0.064, −0.048).
     * SA gradient −k2·(t − cos·s) for s = (0, 0.1); for t −0.1·(s − cos·t) = (0.1, 0).
     * After the step v − g and re-normalisation: u ∝ (1, −0.08), w ∝ (0.536, 0.848), s ∝ (−1, −0.1), t ∝ (−0.1, −1),
     * so cos(u, w) = (0.536 − 0.06784) / 1.0064 = 0.465183 and cos(s, t) = 0.2 / 1.01 = 0.198020.
     */
    @Test
    void oneEpochMatchesAHandComputation() {
        WordVectors v = new WordVectors(List.of("u", "w", "s", "t"), new float[] {1f, 0f, 0.6f, 0.8f, -1f, 0f, 0f, -1f}, 2);
        List<WordPair> syn = List.of(WordPair.of("s", "t"));
        List<WordPair> ant = List.of(WordPair.of("u", "w"));
        CounterFitting.Params one = CounterFitting.Params.MRKSIC_2016.withEpochs(1);
        CounterFitting.Problem pr = CounterFitting.problem(v, syn, ant, one);
        assertEquals(0, pr.vspPairs());
        CounterFitting.Result r = CounterFitting.fit(pr, one, 1);
        float[] f = r.vectors();
        double nu = Math.sqrt(1 + 0.08 * 0.08);
        double nw = Math.sqrt(0.536 * 0.536 + 0.848 * 0.848);
        double ns = Math.sqrt(1.01);
        double[] expected = {1 / nu, -0.08 / nu, 0.536 / nw, 0.848 / nw, -1 / ns, -0.1 / ns, -0.1 / ns, -1 / ns};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], f[i], 1e-6, "component " + i);
        }
        WordVectors g = new WordVectors(v.words(), f, 2);
        assertEquals(0.465183, g.cosine("u", "w"), 1e-5);
        assertEquals(0.198020, g.cosine("s", "t"), 1e-5);
        // the epoch-0 loss: AR 0.1·(1 − 0.4) + SA 0.1·(1 − 0)
        assertEquals(0.06 + 0.1, r.history().get(0).loss(), 1e-6);

        // run on: the antonyms end beyond the margin (distance ≥ δ: cosine ≤ 0) with no active AR term, and the
        // synonyms close up
        CounterFitting.Params many = CounterFitting.Params.MRKSIC_2016.withEpochs(60);
        CounterFitting.Result longer = CounterFitting.fit(CounterFitting.problem(v, syn, ant, many), many, 1);
        WordVectors h = new WordVectors(v.words(), longer.vectors(), 2);
        assertTrue(h.cosine("u", "w") <= 1e-6, "antonym cosine " + h.cosine("u", "w"));
        assertEquals(0, longer.history().get(longer.history().size() - 1).arActive());
        assertTrue(h.cosine("s", "t") > 0.99, "synonym cosine " + h.cosine("s", "t"));
    }
}
