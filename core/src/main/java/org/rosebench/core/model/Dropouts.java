package org.rosebench.core.model;

/**
 * Dropout switch for one forward pass. {@code training = false} disables every dropout; rates override the
 * config's (ROSE-First sets both to {@code kl_dropout}); {@code masks} says where the masks come from.
 */
public record Dropouts(boolean training, float hidden, float attention, DropoutMasks masks) {

    public Dropouts {
        if (masks == null) {
            throw new IllegalArgumentException("dropout mask source must be given");
        }
    }

    /** Masks from the engine ({@link DropoutMasks#LIBTORCH}). */
    public Dropouts(boolean training, float hidden, float attention) {
        this(training, hidden, attention, DropoutMasks.LIBTORCH);
    }

    public static Dropouts eval() {
        return new Dropouts(false, 0f, 0f);
    }

    public static Dropouts train(ModelConfig config) {
        return train(config, DropoutMasks.LIBTORCH);
    }

    public static Dropouts train(ModelConfig config, DropoutMasks masks) {
        return new Dropouts(true, config.hiddenDropout(), config.attentionDropout(), masks);
    }

    public boolean active() {
        return training && (hidden > 0 || attention > 0);
    }
}
