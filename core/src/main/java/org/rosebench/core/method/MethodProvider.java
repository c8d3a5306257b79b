package org.rosebench.core.method;

import java.util.List;

/**
 * Registers a fine-tuning method through {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/org.rosebench.core.method.MethodProvider} and it appears in {@code rose-bench methods}
 * and {@code train --method}.
 */
public interface MethodProvider {

    String name();

    String description();

    /**
     * The version of this method's results. Bump it when a change alters what it computes (a fix, a new default,
     * different numerics), never for a refactor: it is part of the matrix cell keys, so exactly the cells trained with it
     * run again. The harness pins the keys of configs/ci.yaml (ci-cell-keys.txt), so a change of results without a
     * bump fails that test.
     */
    default String version() {
        return "1";
    }

    /** The method's hyper-parameters with defaults, in display order. */
    List<ParamSpec> parameters();

    FineTuningMethod create(MethodParams params);
}
