package org.rosebench.core.method;

import java.util.Map;

/**
 * A named set of defaults for one method/task/model (e.g. the ROSE README tables): the method spec, its
 * parameters and trainer settings. Explicit command-line values override a preset's.
 */
public record Preset(String name, String description, String task, String model, String method,
        Map<String, String> params, Map<String, Double> train) {}
