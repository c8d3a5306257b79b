package org.rosebench.core.model;

import java.util.Locale;

/** Encoder families the model core implements; each fixes the HF base-model prefix and embedding details. */
public enum ModelType {
    BERT("bert"),
    ROBERTA("roberta");

    private final String prefix;

    ModelType(String prefix) {
        this.prefix = prefix;
    }

    /** HF {@code base_model_prefix}: task models store the encoder under {@code <prefix>.}. */
    public String prefix() {
        return prefix;
    }

    public static ModelType parse(String modelType, String source) {
        return switch (modelType.toLowerCase(Locale.ROOT)) {
            case "bert" -> BERT;
            case "roberta" -> ROBERTA;
            default -> throw new org.rosebench.core.BadInputException(
                    source + ": unsupported model_type '" + modelType + "' (supported: bert, roberta)");
        };
    }
}
