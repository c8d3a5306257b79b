package org.rosebench.attacks;

/**
 * An attack output file was made by another configuration (recipe, parameters, victim, resources): bad input, so
 * the CLI exits 2 and the file is left as it is.
 */
public final class AttackConfigurationMismatch extends IllegalStateException implements org.rosebench.core.BadInput {

    public AttackConfigurationMismatch(String message) {
        super(message);
    }
}
