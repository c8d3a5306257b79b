package org.rosebench.core.model;

/**
 * Dropout switch for one forward pass. {@code training = false} disables every dropout; rates override the
 * config's (ROSE-First sets both to {@code kl_dropout}).
 */
public record Dropouts(boolean training, float hidden, float attention) {

    public static Dropouts eval() {
        return new Dropouts(false, 0f, 0f);
    }

    public static Dropouts train(ModelConfig config) {
        return new Dropouts(true, config.hiddenDropout(), config.attentionDropout());
    }

    public boolean active() {
        return training && (hidden > 0 || attention > 0);
    }
}
