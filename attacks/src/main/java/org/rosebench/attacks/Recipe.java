package org.rosebench.attacks;

import java.util.Set;
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

    /**
     * The version of this recipe's results. Bump it when a change alters what it computes (a fix, a new default,
     * different numerics), never for a refactor: it is part of the matrix cell keys, so exactly the cells of its attacks
     * run again. The harness pins the keys of configs/ci.yaml (ci-cell-keys.txt), so a change of results without a
     * bump fails that test.
     */
    default String version() {
        return "1";
    }

    /**
     * The backends {@link #build} draws on ({@code AttackResources} types such as
     * {@link org.rosebench.attacks.spi.SentenceEmbedder}): their versions enter the keys of this recipe's attack
     * cells. The default, every backend, is safe for a recipe that does not say.
     */
    default Set<Class<?>> backends() {
        return AttackResources.BACKENDS;
    }

    /** The attack against {@code victim}, with backends taken from {@code resources}. */
    Attack build(Victim victim, AttackResources resources, RecipeParams params);
}
