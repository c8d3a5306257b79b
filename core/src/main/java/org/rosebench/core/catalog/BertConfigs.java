package org.rosebench.core.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The HF {@code config.json} contents of the catalog's BERT-architecture models. */
final class BertConfigs {

    private BertConfigs() {}

    static ObjectNode bert(int hidden, int layers, int heads, int intermediate, String nameOrPath) {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("_name_or_path", nameOrPath);
        c.put("model_type", "bert");
        c.putArray("architectures").add("BertModel");
        c.put("vocab_size", 30522);
        c.put("hidden_size", hidden);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("intermediate_size", intermediate);
        c.put("hidden_act", "gelu");
        c.put("hidden_dropout_prob", 0.1);
        c.put("attention_probs_dropout_prob", 0.1);
        c.put("max_position_embeddings", 512);
        c.put("type_vocab_size", 2);
        c.put("initializer_range", 0.02);
        c.put("layer_norm_eps", 1e-12);
        c.put("pad_token_id", 0);
        c.put("position_embedding_type", "absolute");
        return c;
    }
}
