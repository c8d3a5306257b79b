package org.rosebench.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rosebench.core.BadInputException;
import org.rosebench.core.checkpoint.BertTfNames;
import org.rosebench.core.checkpoint.SafetensorsReader;
import org.rosebench.core.checkpoint.TensorData;
import org.rosebench.core.checkpoint.TfCheckpointReader;
import org.rosebench.core.tokenize.WordPieceTokenizerJson;
import org.rosebench.core.util.Cache;

/**
 * A HuggingFace model directory: {@code config.json}, {@code model.safetensors} (or a sharded index) and
 * {@code tokenizer.json} (a BERT {@code vocab.txt} is converted once into the cache, honouring
 * {@code do_lower_case} from {@code tokenizer_config.json}). A Google BERT TensorFlow checkpoint
 * ({@code variables/variables.index} or one {@code *.ckpt.index}) stands in for the safetensors file.
 */
public record HfDirectory(Path dir, ModelConfig config, Path tokenizerJson) {

    private static final String TF_SAVED_MODEL_INDEX = "variables/variables.index";

    public static HfDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir, "not a model directory");
        }
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException(dir, "no config.json (expected a HuggingFace model directory)");
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
            boolean lowercase = doLowerCase(dir.resolve("tokenizer_config.json"));
            try {
                // lower-casing is part of the name: a cased and an uncased model may share one vocab.txt
                Path out = Cache.dir("tokenizers").resolve(Cache.key(vocab) + (lowercase ? "" : "-cased") + "-tokenizer.json");
                if (!Files.isRegularFile(out)) {
                    Path tmp = org.rosebench.core.util.Cache.tempSibling(out); // with the umask, not 0600
                    try {
                        WordPieceTokenizerJson.write(vocab, lowercase, tmp);
                    } catch (IllegalArgumentException e) {
                        Files.deleteIfExists(tmp);
                        throw new BadInputException(e.getMessage());
                    }
                    Cache.moveAtomically(tmp, out);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(vocab + ": cannot convert vocab.txt: " + e.getMessage(), e);
            }
        }
        throw new BadInputException(dir, "no tokenizer.json or vocab.txt (RoBERTa directories need "
                + "tokenizer.json; save it with tokenizer.save_pretrained in HF transformers)");
    }

    /** {@code do_lower_case} of a BERT tokenizer config; true when the file is absent, as in BertTokenizer. */
    static boolean doLowerCase(Path tokenizerConfig) {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return true;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerConfig.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(tokenizerConfig, line, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(tokenizerConfig + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode v = root == null ? null : root.get("do_lower_case");
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isBoolean()) {
            throw new BadInputException(tokenizerConfig, "do_lower_case must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** The file the weights are read from (safetensors file or index, or the TF index). */
    public Path weightsFile() {
        for (String name : List.of(SafetensorsReader.INDEX_FILE, SafetensorsReader.SINGLE_FILE)) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        Path tf = tfIndex();
        return tf != null ? tf : dir.resolve(SafetensorsReader.SINGLE_FILE);
    }

    /** The floating-point tensors; integer buffers such as {@code position_ids} are skipped and listed. */
    public SafetensorsReader.FloatTensors readTensors() {
        boolean single = Files.isRegularFile(dir.resolve(SafetensorsReader.SINGLE_FILE));
        boolean sharded = Files.isRegularFile(dir.resolve(SafetensorsReader.INDEX_FILE));
        Path tf = single || sharded ? null : tfIndex();
        if (!single && !sharded && tf == null) {
            String hint = Files.isRegularFile(dir.resolve("pytorch_model.bin"))
                    ? " (pytorch_model.bin is not read: convert it with save_pretrained(safe_serialization=True))"
                    : "";
            throw new BadInputException(dir, "no model.safetensors or model.safetensors.index.json" + hint);
        }
        try {
            return tf != null ? readTf(tf) : SafetensorsReader.readFloatTensors(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read weights: " + e.getMessage(), e);
        }
    }

    private static SafetensorsReader.FloatTensors readTf(Path index) throws IOException {
        Map<String, TensorData> tf = TfCheckpointReader.read(index);
        try {
            return new SafetensorsReader.FloatTensors(BertTfNames.toHf(tf), List.of());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(index, e.getMessage());
        }
    }

    /** {@code variables/variables.index} (SavedModel) or the one {@code *.ckpt.index} of a Google BERT release. */
    private Path tfIndex() {
        Path savedModel = dir.resolve(TF_SAVED_MODEL_INDEX);
        if (Files.isRegularFile(savedModel)) {
            return savedModel;
        }
        try (var files = Files.list(dir)) {
            List<Path> ckpt = files.filter(p -> p.getFileName().toString().endsWith(".ckpt.index")).toList();
            return ckpt.size() == 1 ? ckpt.get(0) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
