package org.rosebench.attacks;

import org.rosebench.attacks.spi.Victim;

/**
 * A published attack as a small composition of components (TextAttack's attack recipes). Built-in recipes
 * are listed by {@link Recipes}; other modules can add recipes through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.rosebench.attacks.Recipe}, public no-argument constructor).
 */
public interface Recipe {

    /** Command-line name, e.g. {@code textfooler}. */
    String name();

    /**
     * Components in order, constants, accepted parameters, and every deviation from the paper and from
     * TextAttack.
     */
    String describe();

    /** The attack against {@code victim}, with backends taken from {@code resources}. */
    Attack build(Victim victim, AttackResources resources, RecipeParams params);
}
