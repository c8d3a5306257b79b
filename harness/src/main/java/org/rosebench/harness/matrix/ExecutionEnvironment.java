package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rosebench.core.Djl;
import org.rosebench.core.model.EngineDropoutGenerator;

/**
 * What executes a cell, as far as it can change the numbers: the device class, the engine and, on CPUs where
 * libtorch draws dropout masks with another generator, that generator. Part of every key, so CPU and GPU results
 * (never bit-identical), results of two engine versions, or models trained with different dropout masks never pass
 * for one another when run directories are merged or several machines work on one plan. Thread counts and GPU
 * models are only recorded in the rows' provenance.
 *
 * @param device           {@code cpu} or {@code gpu}
 * @param engine           engine name and version, e.g. {@code PyTorch 2.5.1}
 * @param djl              DJL version (its operators sit between our code and the engine)
 * @param dropoutGenerator null for libtorch's own mt19937 (and every GPU, whose masks come from CUDA), {@link #MKL_VSL}
 *                         where the CPU engine draws other masks (MKL's stream, on CPUs cpuinfo reports as Intel),
 *                         as {@link EngineDropoutGenerator} measures; only a non-null value enters the key, so the
 *                         keys of runs on other machines stayed what they were before it was recorded
 */
public record ExecutionEnvironment(String device, String engine, String djl, String dropoutGenerator) {

    /**
     * libtorch's MKL build draws {@code bernoulli_} (dropout's masks) from MKL's VSL generator where cpuinfo reports an
     * Intel CPU and from its own mt19937 elsewhere (PyTorch's {@code DistributionKernels.cpp}), so the same seed
     * trains another model there (docs/resume.md §6). Measured, not read off the vendor: on an Intel Xeon virtual
     * machine libtorch drew mt19937's masks.
     */
    public static final String MKL_VSL = "mkl-vsl";

    public ExecutionEnvironment(String device, String engine, String djl) {
        this(device, engine, djl, null);
    }

    /** This process: {@code rose.device} / {@code ROSE_DEVICE} or the engine's default device. */
    public static ExecutionEnvironment current() {
        String device = Djl.deviceClass();
        return new ExecutionEnvironment(device, Djl.engineVersion(), Djl.djlVersion(),
                dropoutGenerator(device, "cpu".equals(device) ? EngineDropoutGenerator.measured() : null));
    }

    /**
     * The same engine on a CPU with libtorch's own generator: keys that do not depend on the machine (pinned-key
     * tests).
     */
    public static ExecutionEnvironment cpu() {
        return new ExecutionEnvironment("cpu", Djl.engineVersion(), Djl.djlVersion());
    }

    /** {@link #MKL_VSL} for a CPU engine whose measured masks are not libtorch's mt19937's, else null. */
    static String dropoutGenerator(String device, String measured) {
        return "cpu".equals(device) && measured != null && !EngineDropoutGenerator.MT19937.equals(measured) ? MKL_VSL
                : null;
    }

    ObjectNode toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode().put("device", device).put("engine", engine)
                .put("djl", djl);
        if (dropoutGenerator != null) {
            n.put("dropout_generator", dropoutGenerator);
        }
        return n;
    }
}
