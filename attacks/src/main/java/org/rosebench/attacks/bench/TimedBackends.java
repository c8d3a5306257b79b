package org.rosebench.attacks.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.MlmPrediction;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.RankedToken;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.SynonymSource;
import org.rosebench.attacks.spi.TextInput;
import org.rosebench.attacks.spi.Victim;
import org.rosebench.attacks.spi.WordEmbeddingSpace;

/**
 * Per-component timers for an attack: the victim and every backend are wrapped in decorators that time each call
 * ({@link #resources}, {@link #victim}). Nothing else changes, so an attack built from the wrapped pieces returns
 * exactly what the plain one does. The victim decorator can also record the batches it was sent, so that a benchmark
 * can replay them against the bare model.
 */
public final class TimedBackends {

    public final ComponentTimer victim = new ComponentTimer("victim model");
    public final ComponentTimer sentenceEncoder = new ComponentTimer("sentence encoder");
    public final ComponentTimer posTagger = new ComponentTimer("POS tagger");
    public final ComponentTimer neighbours = new ComponentTimer("neighbour lookup");
    public final ComponentTimer wordCosine = new ComponentTimer("word-embedding cosine");
    public final ComponentTimer synonyms = new ComponentTimer("WordNet lookup");
    public final ComponentTimer maskedLm = new ComponentTimer("masked LM");

    public List<ComponentTimer> all() {
        return List.of(victim, sentenceEncoder, posTagger, neighbours, wordCosine, synonyms, maskedLm);
    }

    /** Current totals of {@link #all()}, in that order. */
    public List<ComponentTimer.Snapshot> snapshot() {
        List<ComponentTimer.Snapshot> out = new ArrayList<>();
        for (ComponentTimer t : all()) {
            out.add(t.snapshot());
        }
        return out;
    }

    /** {@code resources} with every backend timed. */
    public AttackResources resources(AttackResources resources) {
        return resources.wrapped(new AttackResources.BackendWrapper() {
            @Override
            public <T> T wrap(Class<T> type, T backend) {
                return type.cast(timed(type, backend));
            }
        });
    }

    private Object timed(Class<?> type, Object backend) {
        if (type == SentenceEmbedder.class) {
            SentenceEmbedder e = (SentenceEmbedder) backend;
            return (SentenceEmbedder) texts -> {
                long t0 = System.nanoTime();
                float[][] out = e.embed(texts);
                sentenceEncoder.add(System.nanoTime() - t0, texts.size());
                return out;
            };
        }
        if (type == PosTagger.class) {
            PosTagger p = (PosTagger) backend;
            return new PosTagger() {
                @Override
                public List<String> tag(List<String> words) {
                    long t0 = System.nanoTime();
                    List<String> out = p.tag(words);
                    posTagger.add(System.nanoTime() - t0, 1);
                    return out;
                }

                @Override
                public List<List<String>> tagAll(List<List<String>> sequences) {
                    long t0 = System.nanoTime();
                    List<List<String>> out = p.tagAll(sequences);
                    posTagger.add(System.nanoTime() - t0, sequences.size());
                    return out;
                }
            };
        }
        if (type == NeighbourIndex.class) {
            NeighbourIndex n = (NeighbourIndex) backend;
            return (NeighbourIndex) (word, k) -> {
                long t0 = System.nanoTime();
                List<String> out = n.neighbours(word, k);
                neighbours.add(System.nanoTime() - t0, 1);
                return out;
            };
        }
        if (type == WordEmbeddingSpace.class) {
            WordEmbeddingSpace w = (WordEmbeddingSpace) backend;
            return new WordEmbeddingSpace() {
                @Override
                public OptionalDouble cosine(String a, String b) {
                    long t0 = System.nanoTime();
                    OptionalDouble out = w.cosine(a, b);
                    wordCosine.add(System.nanoTime() - t0, 1);
                    return out;
                }

                @Override
                public OptionalDouble calibratedMinCosSim() {
                    return w.calibratedMinCosSim();
                }
            };
        }
        if (type == SynonymSource.class) {
            SynonymSource s = (SynonymSource) backend;
            return (SynonymSource) word -> {
                long t0 = System.nanoTime();
                List<String> out = s.lemmaNames(word);
                synonyms.add(System.nanoTime() - t0, 1);
                return out;
            };
        }
        if (type == MaskedLmScorer.class) {
            return new TimedMlm((MaskedLmScorer) backend);
        }
        return backend;
    }

    /** {@code victim} timed; with {@code record}, every batch it is sent is kept until {@link RecordingVictim#drain}. */
    public RecordingVictim victim(Victim victim, boolean record) {
        return new RecordingVictim(victim, record);
    }

    /** The timed victim. */
    public final class RecordingVictim implements Victim {
        private final Victim delegate;
        private final boolean record;
        private final List<List<TextInput>> batches = new ArrayList<>();
        private final List<float[][]> outputs = new ArrayList<>();

        RecordingVictim(Victim delegate, boolean record) {
            this.delegate = delegate;
            this.record = record;
        }

        @Override
        public float[][] predict(List<TextInput> batch) {
            long t0 = System.nanoTime();
            float[][] out = delegate.predict(batch);
            victim.add(System.nanoTime() - t0, batch.size());
            if (record) {
                batches.add(List.copyOf(batch));
                float[][] copy = new float[out.length][];
                for (int i = 0; i < out.length; i++) {
                    copy[i] = out[i].clone();
                }
                outputs.add(copy);
            }
            return out;
        }

        /** The batches sent since the last call and what the victim answered, in order. */
        public Recorded drain() {
            Recorded r = new Recorded(new ArrayList<>(batches), new ArrayList<>(outputs));
            batches.clear();
            outputs.clear();
            return r;
        }
    }

    /** Victim batches and the victim's answers. */
    public record Recorded(List<List<TextInput>> batches, List<float[][]> outputs) {
    }

    private final class TimedMlm implements MaskedLmScorer {
        private final MaskedLmScorer m;

        TimedMlm(MaskedLmScorer m) {
            this.m = m;
        }

        @Override
        public String maskToken() {
            return m.maskToken();
        }

        @Override
        public int maxLength() {
            return m.maxLength();
        }

        @Override
        public List<List<RankedToken>> rankAtMask(List<String> maskedTexts, int k) {
            long t0 = System.nanoTime();
            List<List<RankedToken>> out = m.rankAtMask(maskedTexts, k);
            maskedLm.add(System.nanoTime() - t0, maskedTexts.size());
            return out;
        }

        @Override
        public MlmPrediction predict(String text, int k) {
            long t0 = System.nanoTime();
            MlmPrediction out = m.predict(text, k);
            maskedLm.add(System.nanoTime() - t0, 1);
            return out;
        }

        @Override
        public int maskPosition(String maskedText) {
            return m.maskPosition(maskedText);
        }

        @Override
        public int subTokenCount(String word) {
            return m.subTokenCount(word);
        }

        @Override
        public boolean isSubwordPiece(String token) {
            return m.isSubwordPiece(token);
        }

        @Override
        public String stripSubwordMarker(String token) {
            return m.stripSubwordMarker(token);
        }
    }
}
