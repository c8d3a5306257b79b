package org.rosebench.core.method;

import java.util.List;

/**
 * Registers an {@link UpdateSelector} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.rosebench.core.method.SelectorProvider}).
 */
public interface SelectorProvider {

    String name();

    String description();

    /**
     * The version of this selector's results. Bump it when a change alters what it computes (a fix, a new default,
     * different numerics), never for a refactor: it is part of the matrix cell keys, so exactly the cells trained with it
     * run again. The harness pins the keys of configs/ci.yaml (ci-cell-keys.txt), so a change of results without a
     * bump fails that test.
     */
    default String version() {
        return "1";
    }

    List<ParamSpec> parameters();

    UpdateSelector create(MethodParams params);
}
