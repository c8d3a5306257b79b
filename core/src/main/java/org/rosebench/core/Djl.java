package org.rosebench.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.rosebench.core.model.CounterDropout;

/**
 * The one place that starts DJL. It forces offline mode and opts out of tracking before the engine class loads
 * (without them the engine opens telemetry connections on start), and picks the device through DJL.
 */
public final class Djl {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getenv("PYTORCH_VERSION") != null || System.getenv("PYTORCH_FLAVOR") != null) {
            throw new IllegalStateException(
                    "PYTORCH_VERSION/PYTORCH_FLAVOR are set: DJL would try to download libtorch; unset them");
        }
    }

    private Djl() {}

    /** Forces the static initialiser (offline flags) to have run. */
    public static void init() {
        // nothing: loading this class sets the flags
    }

    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** {@code rose.device} (e.g. {@code cpu}, {@code gpu}, {@code gpu(1)}) or the engine's default device. */
    public static Device device() {
        String d = System.getProperty("rose.device", System.getenv().getOrDefault("ROSE_DEVICE", ""));
        return d.isBlank() ? engine().defaultDevice() : Device.fromName(d, engine());
    }

    public static NDManager newManager() {
        return NDManager.newBaseManager(device(), engine().getEngineName());
    }

    /**
     * Seeds the engine's RNG (dropout masks, noise) and the counter-based dropout streams ({@link CounterDropout}). The engine takes 32 bits: a wider seed would share its stream
     * with another one, so it is refused ({@code TrainConfig} rejects such seeds earlier, with the setting's name).
     */
    public static void seed(long seed) {
        if (seed != (int) seed) {
            throw new IllegalArgumentException("seed " + seed + " does not fit in 32 bits (the engine's RNG takes an int)");
        }
        engine().setRandomSeed((int) seed);
        CounterDropout.reseed(seed);
    }

    /** {@code cpu} or {@code gpu}: the two never give bit-identical results, so they are never mixed up. */
    public static String deviceClass() {
        return device().isGpu() ? "gpu" : "cpu";
    }

    /** The engine's name and version, e.g. {@code PyTorch 2.5.1}. */
    public static String engineVersion() {
        Engine e = engine();
        return e.getEngineName() + " " + e.getVersion();
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    public static String versions() {
        Engine e = engine();
        return "djl=" + Engine.getDjlVersion() + " engine=" + e.getEngineName() + " " + e.getVersion();
    }
}
