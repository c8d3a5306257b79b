package org.rosebench.attacks.backend;

import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.AttackResources;
import org.rosebench.attacks.lexicon.CounterFittedSpace;
import org.rosebench.attacks.lexicon.NearestNeighbours;
import org.rosebench.attacks.lexicon.OpenNlpPosTagger;
import org.rosebench.attacks.lexicon.WordNetSynonyms;
import org.rosebench.attacks.spi.MaskedLmScorer;
import org.rosebench.attacks.spi.NeighbourIndex;
import org.rosebench.attacks.spi.PosTagger;
import org.rosebench.attacks.spi.SentenceEmbedder;
import org.rosebench.attacks.spi.SynonymSource;
import org.rosebench.attacks.spi.WordEmbeddingSpace;
import org.rosebench.core.catalog.ModelCatalog;
import org.rosebench.core.model.MaskedLanguageModel;
import org.rosebench.core.model.SentenceEncoder;

/**
 * The offline backends every recipe draws on, each loaded on first use: the counter-fitted NLP4J space (or
 * TextFooler's own vector file), WordNet 3.0, OpenNLP's UD tagger, MiniLM as the sentence encoder and
 * bert-base-uncased as the masked LM. {@link #close()} releases the models that were loaded.
 */
public final class DefaultResources implements AutoCloseable {

    private static final String ENCODER = "minilm-l6";
    private static final int ENCODER_MAX_LENGTH = 512;
    private static final int ENCODER_BATCH = 64;
    private static final String MLM = "bert-base-uncased";
    private static final int MLM_MAX_LENGTH = 512;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AttackResources resources;

    /**
     * @param vectorFile TextFooler's counter-fitted vectors (word then floats per line), or null for the built-in
     *                   counter-fitted NLP4J space
     */
    public DefaultResources(java.nio.file.Path vectorFile) {
        java.util.function.Supplier<NearestNeighbours> space = memo(() -> {
            try {
                return vectorFile == null ? CounterFittedSpace.nlp4j() : CounterFittedSpace.fromTextFile(vectorFile);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(vectorFile + ": " + e.getMessage(), e);
            }
        });
        this.resources = AttackResources.builder()
                .lazy(NeighbourIndex.class, space)
                .lazy(WordEmbeddingSpace.class, space)
                .lazy(SynonymSource.class, WordNetSynonyms::shared)
                .lazy(PosTagger.class, OpenNlpPosTagger::load)
                .lazy(SentenceEmbedder.class, () -> {
                    SentenceEncoder enc = SentenceEncoder.load(ModelCatalog.resolve(ENCODER), ENCODER_MAX_LENGTH);
                    opened.add(enc);
                    return new EncoderSentenceEmbedder(enc, ENCODER_BATCH);
                })
                .lazy(MaskedLmScorer.class, () -> {
                    MaskedLanguageModel mlm = MaskedLanguageModel.load(ModelCatalog.resolve(MLM), MLM_MAX_LENGTH);
                    opened.add(mlm);
                    return new BertMaskedLmScorer(mlm);
                })
                .build();
    }

    public AttackResources resources() {
        return resources;
    }

    /**
     * What the default backend of one type is, for result keys: its data (artifact coordinates, catalog model) and
     * its code version. Catalog models are named by their source artifact: a converter change that alters them
     * must bump the version of the backend that uses them.
     */
    public static String version(Class<?> backend) {
        if (backend == NeighbourIndex.class || backend == WordEmbeddingSpace.class) {
            return CounterFittedSpace.nlp4jIdentity();
        }
        if (backend == SynonymSource.class) {
            return WordNetSynonyms.VERSION + " lookup/" + WordNetSynonyms.CODE_VERSION;
        }
        if (backend == PosTagger.class) {
            return OpenNlpPosTagger.MODEL_RESOURCE + " tagger/" + OpenNlpPosTagger.CODE_VERSION;
        }
        if (backend == SentenceEmbedder.class) {
            return catalogModel(ENCODER) + " max_length=" + ENCODER_MAX_LENGTH + " batch=" + ENCODER_BATCH + " embedder/" + EncoderSentenceEmbedder.VERSION;
        }
        if (backend == MaskedLmScorer.class) {
            return catalogModel(MLM) + " max_length=" + MLM_MAX_LENGTH + " scorer/" + BertMaskedLmScorer.VERSION;
        }
        throw new IllegalArgumentException(backend.getName() + " is not an attack backend " + AttackResources.BACKENDS);
    }

    /** What a user's vector file is, for result keys: its content hash (SHA-256 of its bytes, hex). */
    public static String vectorFileVersion(String sha256) {
        return "vectors sha256:" + sha256 + " neighbours/" + CounterFittedSpace.CODE_VERSION;
    }

    private static String catalogModel(String name) {
        return name + "@" + ModelCatalog.models().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow().source().coordinates();
    }

    private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> s) {
        return new java.util.function.Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}
