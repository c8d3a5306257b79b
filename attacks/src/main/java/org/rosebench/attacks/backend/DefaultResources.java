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

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AttackResources resources;
    private final java.nio.file.Path vectorFile;

    /**
     * @param vectorFile TextFooler's counter-fitted vectors (word then floats per line), or null for the built-in
     *                   counter-fitted NLP4J space
     */
    public DefaultResources(java.nio.file.Path vectorFile) {
        this.vectorFile = vectorFile;
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
                    SentenceEncoder enc = SentenceEncoder.load(ModelCatalog.resolve("minilm-l6"), 512);
                    opened.add(enc);
                    return new EncoderSentenceEmbedder(enc, 64);
                })
                .lazy(MaskedLmScorer.class, () -> {
                    MaskedLanguageModel mlm = MaskedLanguageModel.load(ModelCatalog.resolve("bert-base-uncased"), 512);
                    opened.add(mlm);
                    return new BertMaskedLmScorer(mlm);
                })
                .build();
    }

    public AttackResources resources() {
        return resources;
    }

    /**
     * What each backend is, for attack file headers: versions and artifact coordinates of the bundled resources,
     * the SHA-256 of a user's vector file. Cheap: nothing is loaded.
     */
    public java.util.Map<String, String> identity() {
        java.util.Map<String, String> id = new java.util.LinkedHashMap<>();
        if (vectorFile == null) {
            id.put("word_vectors", "counter-fitted " + org.rosebench.attacks.lexicon.WordVectors.NLP4J_SOURCE.coordinates()
                    + " (" + org.rosebench.attacks.lexicon.CounterFitting.Params.MRKSIC_2016.key() + ", "
                    + org.rosebench.attacks.lexicon.CounterFitting.ALGORITHM_VERSION + ", k="
                    + org.rosebench.attacks.lexicon.NearestNeighbours.DEFAULT_K + ")");
        } else {
            try {
                id.put("word_vectors", vectorFile.getFileName() + " sha256:"
                        + org.rosebench.core.data.DataFiles.contentSha256(vectorFile));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(vectorFile + ": " + e.getMessage(), e);
            }
        }
        id.put("synonyms", WordNetSynonyms.VERSION);
        id.put("pos_tagger", OpenNlpPosTagger.MODEL_RESOURCE);
        id.put("sentence_encoder", catalogIdentity("minilm-l6"));
        id.put("masked_lm", catalogIdentity("bert-base-uncased"));
        return id;
    }

    private static String catalogIdentity(String name) {
        return ModelCatalog.models().stream().filter(m -> m.name().equals(name)).findFirst()
                .map(m -> name + " " + m.source().coordinates()).orElse(name);
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
