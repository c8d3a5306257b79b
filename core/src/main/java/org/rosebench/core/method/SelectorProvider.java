package org.rosebench.core.method;

import java.util.List;

/**
 * Registers an {@link UpdateSelector} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.rosebench.core.method.SelectorProvider}).
 */
public interface SelectorProvider {

    String name();

    String description();

    List<ParamSpec> parameters();

    UpdateSelector create(MethodParams params);
}
