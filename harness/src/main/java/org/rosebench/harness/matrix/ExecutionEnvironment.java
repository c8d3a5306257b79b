package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rosebench.core.Djl;

/**
 * What executes a cell, as far as it can change the numbers: the device class and the engine. Part of every key, so
 * CPU and GPU results (never bit-identical) or results of two engine versions never pass for one another when run
 * directories are merged. Thread counts and GPU models are only recorded in the rows' provenance.
 *
 * @param device {@code cpu} or {@code gpu}
 * @param engine engine name and version, e.g. {@code PyTorch 2.5.1}
 * @param djl    DJL version (its operators sit between our code and the engine)
 */
public record ExecutionEnvironment(String device, String engine, String djl) {

    /** This process: {@code rose.device} / {@code ROSE_DEVICE} or the engine's default device. */
    public static ExecutionEnvironment current() {
        return new ExecutionEnvironment(Djl.deviceClass(), Djl.engineVersion(), Djl.djlVersion());
    }

    /** The same engine on the CPU: keys that do not depend on the machine's accelerator (pinned-key tests). */
    public static ExecutionEnvironment cpu() {
        return new ExecutionEnvironment("cpu", Djl.engineVersion(), Djl.djlVersion());
    }

    ObjectNode toJson() {
        return new ObjectMapper().createObjectNode().put("device", device).put("engine", engine).put("djl", djl);
    }
}
