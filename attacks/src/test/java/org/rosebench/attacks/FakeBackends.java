package org.rosebench.attacks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.MlmPrediction;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.RankedToken;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.WordEmbeddingSpace;

/** Small hand-made backends for tests. */
public final class FakeBackends {

    private FakeBackends() {
    }

    public static NeighbourIndex neighbours(Map<String, List<String>> table) {
        return (word, k) -> {
            List<String> n = table.getOrDefault(word, List.of());
            return n.subList(0, Math.min(k, n.size()));
        };
    }

    /** Cosine {@code value} for every pair of known words; unknown words are out of vocabulary. */
    public static WordEmbeddingSpace constantCosine(double value, List<String> vocabulary) {
        return (a, b) -> vocabulary.contains(a) && vocabulary.contains(b) ? OptionalDouble.of(value)
                : OptionalDouble.empty();
    }

    /** Every word gets {@code tag}. */
    public static PosTagger constantTagger(String tag) {
        return words -> {
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                tags.add(tag);
            }
            return tags;
        };
    }

    /** The same unit vector for every text: every similarity is 1. */
    public static SentenceEmbedder constantEmbedder() {
        return texts -> {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                out[i] = new float[] {1f, 0f};
            }
            return out;
        };
    }

    /**
     * A masked LM over a tiny vocabulary. Inputs are "[CLS] pieces... [SEP]" where each whitespace token
     * contributes {@code pieces.get(word)} positions (default 1). bae rankings and the per-position top ids
     * are fixed; log-probabilities come from a per-(position, id) table (default -10).
     */
    public static final class FakeMlm implements MaskedLmScorer {
        final List<String> vocabulary;
        final Map<String, Integer> pieces;
        List<RankedToken> baeRanking = List.of();
        int[] topIds = new int[0];
        final Map<String, Float> logProbs = new java.util.HashMap<>();
        final List<String> predicted = new ArrayList<>();
        final List<List<String>> ranked = new ArrayList<>();
        int maxLength = 512;

        public FakeMlm(List<String> vocabulary, Map<String, Integer> pieces) {
            this.vocabulary = vocabulary;
            this.pieces = pieces;
        }

        public FakeMlm baeRanking(List<RankedToken> ranking) {
            this.baeRanking = ranking;
            return this;
        }

        public FakeMlm topIds(int... ids) {
            this.topIds = ids;
            return this;
        }

        public FakeMlm logProb(int position, String token, float value) {
            logProbs.put(position + ":" + vocabulary.indexOf(token), value);
            return this;
        }

        public FakeMlm maxLength(int length) {
            this.maxLength = length;
            return this;
        }

        public int id(String token) {
            return vocabulary.indexOf(token);
        }

        public List<String> predictedTexts() {
            return predicted;
        }

        public List<List<String>> rankedBatches() {
            return ranked;
        }

        @Override
        public String maskToken() {
            return "[MASK]";
        }

        @Override
        public int maxLength() {
            return maxLength;
        }

        @Override
        public List<List<RankedToken>> rankAtMask(List<String> maskedTexts, int k) {
            ranked.add(maskedTexts);
            List<List<RankedToken>> out = new ArrayList<>();
            for (String t : maskedTexts) {
                out.add(maskPosition(t) < 0 ? List.of() : baeRanking.subList(0, Math.min(k, baeRanking.size())));
            }
            return out;
        }

        @Override
        public MlmPrediction predict(String text, int k) {
            predicted.add(text);
            int length = Math.min(maxLength, 2 + Arrays.stream(text.split("\\s+")).mapToInt(this::subTokenCount).sum());
            int[] top = Arrays.copyOf(topIds, Math.min(k, topIds.length));
            return new MlmPrediction() {
                @Override
                public int length() {
                    return length;
                }

                @Override
                public int[] topIds(int position) {
                    return top.clone();
                }

                @Override
                public float logProb(int position, int tokenId) {
                    return logProbs.getOrDefault(position + ":" + tokenId, -10f);
                }

                @Override
                public String token(int tokenId) {
                    return vocabulary.get(tokenId);
                }
            };
        }

        @Override
        public int maskPosition(String maskedText) {
            int position = 1;
            for (String w : maskedText.split("\\s+")) {
                if (w.contains("[MASK]")) {
                    return position < maxLength - 1 ? position : -1;
                }
                position += subTokenCount(w);
            }
            return -1;
        }

        @Override
        public int subTokenCount(String word) {
            return pieces.getOrDefault(word, 1);
        }
    }
}
