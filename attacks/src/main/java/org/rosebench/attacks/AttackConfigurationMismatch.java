package org.rosebench.attacks;

/** An attack output file was made by another configuration (recipe, parameters, victim, resources). */
public final class AttackConfigurationMismatch extends IllegalStateException {

    public AttackConfigurationMismatch(String message) {
        super(message);
    }
}
