package org.rosebench.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this process runs with the launcher's MKL vendor shim (scripts/lib/mkl-vendor-shim.c), which lets
 * libtorch's MKL pick AVX-512 GEMM kernels on AMD CPUs. Read from the libraries mapped into the process, not from
 * the environment, so a result says what actually ran.
 */
public final class MklVendorShim {

    /** The file name the launcher builds the shim as. */
    public static final String LIBRARY = "librose-bench-mkl-vendor-shim.so";

    private static final boolean LOADED = mapped(readMaps());

    private MklVendorShim() {}

    /** True when the shim is mapped into this process (then MKL's vendor check is bypassed). */
    public static boolean loaded() {
        return LOADED;
    }

    /** Provenance value: {@code "bypassed"} with the shim, null without (MKL chose its kernels itself). */
    public static String vendorCheck() {
        return LOADED ? "bypassed" : null;
    }

    static boolean mapped(List<String> maps) {
        return maps.stream().anyMatch(line -> line.endsWith("/" + LIBRARY));
    }

    private static List<String> readMaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: no shim
        }
    }
}
