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

    /** The method's hyper-parameters with defaults, in display order. */
    List<ParamSpec> parameters();

    FineTuningMethod create(MethodParams params);
}
