package org.rosebench.rose;

/** The four optimiser set-ups of the ROSE scripts (docs/rose.md §1). */
public enum RoseVariant {
    /** Plain AdamW, no masking ({@code do_sparse} off). */
    VANILLA(false, false),
    /** Mask from the KL-probe gradient norms ({@code sparse_first}). */
    FIRST(true, false),
    /** Mask from the ratio of gradient to first-moment norms, inside the optimiser step ({@code sparse_second}). */
    SECOND(false, true),
    /** (1−γ)·second + γ·first ({@code sparse_first} and {@code sparse_second}). */
    ENSEMBLE(true, true);

    private final boolean firstOrder;
    private final boolean secondOrder;

    RoseVariant(boolean firstOrder, boolean secondOrder) {
        this.firstOrder = firstOrder;
        this.secondOrder = secondOrder;
    }

    /** Needs the KL probe's gradients before each step (two dropout passes per batch). */
    public boolean usesFirstOrder() {
        return firstOrder;
    }

    public boolean usesSecondOrder() {
        return secondOrder;
    }

    public boolean masks() {
        return firstOrder || secondOrder;
    }

    /** Parses the lower-case names used in configs and traces ({@code vanilla}, {@code first}, ...). */
    public static RoseVariant parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
