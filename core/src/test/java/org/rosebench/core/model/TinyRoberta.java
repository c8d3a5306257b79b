package org.rosebench.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rosebench.core.checkpoint.SafetensorsWriter;
import org.rosebench.core.checkpoint.TensorData;

/** A generated RoBERTa checkpoint (2 layers, hidden 8) with a byte-level BPE tokenizer, for tests. */
public final class TinyRoberta {

    public static final List<String> MERGES = List.of("h e", "t he", "Ġ i", "Ġi s", "Ġ t", "Ġt he", "Ġ h", "Ġh e");

    private TinyRoberta() {}

    public static ObjectNode config() {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("model_type", "roberta").put("vocab_size", 4 + 256 + MERGES.size() + 1).put("hidden_size", 8)
                .put("num_hidden_layers", 2).put("num_attention_heads", 2).put("intermediate_size", 16)
                .put("hidden_act", "gelu").put("hidden_dropout_prob", 0.1).put("attention_probs_dropout_prob", 0.1)
                .put("max_position_embeddings", 40).put("type_vocab_size", 1).put("layer_norm_eps", 1e-5)
                .put("pad_token_id", 1).put("bos_token_id", 0).put("eos_token_id", 2).put("initializer_range", 0.02);
        return c;
    }

    /** GPT-2's bytes_to_unicode: printable bytes map to themselves, the others to U+0100 onwards. */
    static List<String> byteAlphabet() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) bs.add(b);
        for (int b = 0xA1; b <= 0xAC; b++) bs.add(b);
        for (int b = 0xAE; b <= 0xFF; b++) bs.add(b);
        String[] chars = new String[256];
        for (int b : bs) chars[b] = new String(Character.toChars(b));
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (chars[b] == null) {
                chars[b] = new String(Character.toChars(256 + n++));
            }
        }
        return List.of(chars);
    }

    public static Path writeTokenizer(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0").putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        ObjectNode vocab = json.createObjectNode();
        String[] specials = {"<s>", "<pad>", "</s>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            vocab.put(specials[i], i);
            addSpecial(added, i, specials[i], false);
        }
        int id = specials.length;
        for (String c : byteAlphabet()) {
            vocab.put(c, id++);
        }
        for (String merge : MERGES) {
            vocab.put(merge.replace(" ", ""), id++);
        }
        vocab.put("<mask>", id);
        addSpecial(added, id, "<mask>", true);
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        post.putArray("sep").add("</s>").add(2);
        post.putArray("cls").add("<s>").add(0);
        post.put("trim_offsets", true).put("add_prefix_space", false);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "").put("fuse_unk", false)
                .put("byte_fallback", false);
        model.set("vocab", vocab);
        ArrayNode merges = model.putArray("merges");
        MERGES.forEach(merges::add);
        json.writeValue(file.toFile(), root);
        return file;
    }

    private static void addSpecial(ArrayNode added, int id, String content, boolean lstrip) {
        added.addObject().put("id", id).put("content", content).put("single_word", false).put("lstrip", lstrip)
                .put("rstrip", false).put("normalized", false).put("special", true);
    }

    /** config.json + tokenizer.json + a base-model safetensors file (no {@code roberta.} prefix, as HF saves RobertaModel). */
    public static Path writeCheckpoint(Path dir, long seed) throws IOException {
        return writeCheckpoint(dir, seed, true);
    }

    /** The same checkpoint (same weights for the same seed), optionally with every dropout rate 0 in config.json. */
    public static Path writeCheckpoint(Path dir, long seed, boolean dropout) throws IOException {
        Files.createDirectories(dir);
        ObjectNode raw = config();
        if (!dropout) {
            raw.put("hidden_dropout_prob", 0.0).put("attention_probs_dropout_prob", 0.0);
        }
        ModelConfig config = ModelConfig.of(raw);
        config.write(dir.resolve("config.json"));
        writeTokenizer(dir.resolve("tokenizer.json"));
        Random rnd = new Random(seed);
        List<TensorData> tensors = new ArrayList<>();
        for (TensorSpec s : new TransformerEncoder(config).tensorSpecs()) {
            float[] v = new float[(int) Weights.numel(s.shape())];
            for (int i = 0; i < v.length; i++) {
                double base = s.init() == TensorSpec.Init.ONES ? 1.0 : 0.0;
                v[i] = (float) (base + rnd.nextGaussian() * 0.3);
            }
            tensors.add(new TensorData(s.name().substring("roberta.".length()), s.shape(), v));
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        return dir;
    }
}
