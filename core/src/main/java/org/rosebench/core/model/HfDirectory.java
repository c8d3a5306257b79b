package org.rosebench.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rosebench.core.checkpoint.SafetensorsReader;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.tokenize.WordPieceTokenizerJson;
import org.rosebench.core.util.Cache;

/**
 * A HuggingFace model directory: {@code config.json}, {@code model.safetensors} (or a sharded index) and
 * {@code tokenizer.json} (a BERT {@code vocab.txt} is converted once into the cache).
 */
public record HfDirectory(Path dir, ModelConfig config, Path tokenizerJson) {

    public static HfDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a model directory");
        }
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(dir + ": no config.json (expected a HuggingFace model directory)");
        }
        ModelConfig config = ModelConfig.read(configFile);
        return new HfDirectory(dir, config, tokenizerFile(dir));
    }

    private static Path tokenizerFile(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return json;
        }
        Path vocab = dir.resolve("vocab.txt");
        if (Files.isRegularFile(vocab)) {
            try {
                Path out = Cache.dir("tokenizers").resolve(Cache.key(vocab) + "-tokenizer.json");
                if (!Files.isRegularFile(out)) {
                    Path tmp = Files.createTempFile(out.getParent(), "tok", ".json.tmp");
                    WordPieceTokenizerJson.write(vocab, true, tmp);
                    Cache.moveAtomically(tmp, out);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(vocab + ": cannot convert vocab.txt: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(dir + ": no tokenizer.json or vocab.txt (RoBERTa directories need "
                + "tokenizer.json; save it with tokenizer.save_pretrained in HF transformers)");
    }

    public Map<String, TensorData> readTensors() {
        boolean single = Files.isRegularFile(dir.resolve("model.safetensors"));
        boolean sharded = Files.isRegularFile(dir.resolve("model.safetensors.index.json"));
        if (!single && !sharded) {
            String hint = Files.isRegularFile(dir.resolve("pytorch_model.bin"))
                    ? " (pytorch_model.bin is not read: convert it with save_pretrained(safe_serialization=True))"
                    : "";
            throw new IllegalArgumentException(dir + ": no model.safetensors or model.safetensors.index.json" + hint);
        }
        try {
            return SafetensorsReader.readDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read weights: " + e.getMessage(), e);
        }
    }
}
