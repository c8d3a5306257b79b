package org.rosebench.core.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the {@code tokenizer.json} that HF's {@code BertTokenizerFast} would build from a {@code vocab.txt}
 * (Google BERT checkpoints ship only the vocabulary), so every model goes through one tokenizer path.
 */
public final class WordPieceTokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private WordPieceTokenizerJson() {}

    public static void write(Path vocabTxt, boolean lowercase, Path out) throws IOException {
        List<String> lines = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        ObjectNode vocab = JSON.createObjectNode();
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i);
            if (token.isEmpty() && i == lines.size() - 1) {
                break;
            }
            if (vocab.has(token)) {
                throw new IllegalArgumentException(vocabTxt + ":" + (i + 1) + ": duplicate token '" + token + "'");
            }
            vocab.put(token, i);
            if (SPECIALS.contains(token)) {
                ObjectNode a = added.addObject();
                a.put("id", i).put("content", token).put("single_word", false).put("lstrip", false)
                        .put("rstrip", false).put("normalized", false).put("special", true);
            }
        }
        for (String s : List.of("[UNK]", "[CLS]", "[SEP]")) {
            if (!vocab.has(s)) {
                throw new IllegalArgumentException(vocabTxt + ": vocabulary lacks " + s);
            }
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer").put("clean_text", true).put("handle_chinese_chars", true)
                .putNull("strip_accents");
        normalizer.put("lowercase", lowercase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode st = specials.putObject(s);
            st.put("id", s);
            st.putArray("ids").add(vocab.get(s).asInt());
            st.putArray("tokens").add(s);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece").put("unk_token", "[UNK]").put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        model.set("vocab", vocab);
        JSON.writeValue(out.toFile(), root);
    }

    private static void special(ArrayNode template, String token, int typeId) {
        template.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    private static void sequence(ArrayNode template, String id, int typeId) {
        template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
    }
}
