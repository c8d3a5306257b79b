package org.rosebench.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.BadInputException;

/**
 * The subset of a HuggingFace {@code config.json} that the encoder needs. Defaults are those of
 * {@code BertConfig}/{@code RobertaConfig}; the raw JSON is kept so that unknown keys survive a save.
 */
public final class ModelConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode raw;
    private final ModelType modelType;
    private final int vocabSize;
    private final int hiddenSize;
    private final int numLayers;
    private final int numHeads;
    private final int intermediateSize;
    private final String hiddenAct;
    private final float hiddenDropout;
    private final float attentionDropout;
    private final int maxPositions;
    private final int typeVocabSize;
    private final float layerNormEps;
    private final int padTokenId;
    private final float initializerRange;

    private ModelConfig(ObjectNode raw, String source) {
        this.raw = raw;
        this.modelType = ModelType.parse(text(raw, "model_type", "bert"), source);
        boolean roberta = modelType == ModelType.ROBERTA;
        this.vocabSize = raw.path("vocab_size").asInt(roberta ? 50265 : 30522);
        this.hiddenSize = raw.path("hidden_size").asInt(768);
        this.numLayers = raw.path("num_hidden_layers").asInt(12);
        this.numHeads = raw.path("num_attention_heads").asInt(12);
        this.intermediateSize = raw.path("intermediate_size").asInt(3072);
        this.hiddenAct = text(raw, "hidden_act", "gelu");
        this.hiddenDropout = (float) raw.path("hidden_dropout_prob").asDouble(0.1);
        this.attentionDropout = (float) raw.path("attention_probs_dropout_prob").asDouble(0.1);
        this.maxPositions = raw.path("max_position_embeddings").asInt(roberta ? 514 : 512);
        this.typeVocabSize = raw.path("type_vocab_size").asInt(roberta ? 1 : 2);
        this.layerNormEps = (float) raw.path("layer_norm_eps").asDouble(roberta ? 1e-5 : 1e-12);
        this.padTokenId = raw.path("pad_token_id").asInt(roberta ? 1 : 0);
        this.initializerRange = (float) raw.path("initializer_range").asDouble(0.02);
        if (hiddenSize % numHeads != 0) {
            throw new BadInputException(
                    source + ": hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numHeads);
        }
        if (!hiddenAct.equals("gelu") && !hiddenAct.equals("relu") && !hiddenAct.equals("gelu_new")) {
            throw new BadInputException(source + ": unsupported hidden_act '" + hiddenAct + "' (gelu, gelu_new, relu)");
        }
    }

    public static ModelConfig read(Path configJson) {
        try {
            JsonNode node = JSON.readTree(configJson.toFile());
            if (!(node instanceof ObjectNode obj)) {
                throw new BadInputException(configJson, "not a JSON object");
            }
            return new ModelConfig(obj, configJson.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(configJson, line, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(configJson + ": cannot read config: " + e.getMessage(), e);
        }
    }

    public static ModelConfig of(ObjectNode raw) {
        return new ModelConfig(raw.deepCopy(), "config");
    }

    /** A copy with labels set ({@code id2label}, {@code label2id}, {@code num_labels}). */
    public ModelConfig withLabels(List<String> labels) {
        ObjectNode copy = raw.deepCopy();
        ObjectNode id2label = copy.putObject("id2label");
        ObjectNode label2id = copy.putObject("label2id");
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        return new ModelConfig(copy, "config");
    }

    /** Labels from {@code id2label} in id order, or empty when the config has none. */
    public List<String> labels() {
        JsonNode id2label = raw.path("id2label");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < id2label.size(); i++) {
            JsonNode n = id2label.get(Integer.toString(i));
            if (n == null) {
                throw new IllegalArgumentException("config id2label has no id " + i);
            }
            out.add(n.asText());
        }
        return out;
    }

    public void write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), raw);
    }

    public ObjectNode raw() {
        return raw.deepCopy();
    }

    private static String text(JsonNode node, String key, String dflt) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    public ModelType modelType() { return modelType; }
    public int vocabSize() { return vocabSize; }
    public int hiddenSize() { return hiddenSize; }
    public int numLayers() { return numLayers; }
    public int numHeads() { return numHeads; }
    public int headSize() { return hiddenSize / numHeads; }
    public int intermediateSize() { return intermediateSize; }
    public String hiddenAct() { return hiddenAct; }
    public float hiddenDropout() { return hiddenDropout; }
    public float attentionDropout() { return attentionDropout; }
    public int maxPositions() { return maxPositions; }

    /**
     * The longest token sequence the position table holds. RoBERTa numbers positions from {@code pad_token_id + 1}
     * ({@code create_position_ids_from_input_ids}), so {@code pad + 1} rows are never used by real tokens.
     */
    public int maxSequenceLength() {
        return modelType == ModelType.ROBERTA ? maxPositions - padTokenId - 1 : maxPositions;
    }

    /** Why {@code maxLength} does not fit the position table, or null when it fits. */
    public String maxLengthProblem(int maxLength) {
        if (maxLength <= maxSequenceLength()) {
            return null;
        }
        return "max_length " + maxLength + " exceeds the " + maxSequenceLength() + " positions of this "
                + modelType.name().toLowerCase(java.util.Locale.ROOT) + " model (max_position_embeddings "
                + maxPositions + (modelType == ModelType.ROBERTA ? " minus the padding offset " + (padTokenId + 1) : "")
                + ")";
    }
    public int typeVocabSize() { return typeVocabSize; }
    public float layerNormEps() { return layerNormEps; }
    public int padTokenId() { return padTokenId; }
    public float initializerRange() { return initializerRange; }
}
