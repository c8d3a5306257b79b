package org.rosebench.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's CPU as /proc/cpuinfo names it (Linux); read once per process. */
public final class CpuInfo {

    private static final String[] VENDOR_AND_MODEL = read();

    private CpuInfo() {}

    /** {@code vendor_id} of the first processor (e.g. {@code GenuineIntel}, {@code AuthenticAMD}), or null. */
    public static String vendor() {
        return VENDOR_AND_MODEL[0];
    }

    /** "vendor_id / model name" (or what of them is known), else the JVM's {@code os.arch}. */
    public static String name() {
        String vendor = VENDOR_AND_MODEL[0];
        String model = VENDOR_AND_MODEL[1];
        if (vendor == null && model == null) {
            return System.getProperty("os.arch");
        }
        return vendor == null ? model : model == null ? vendor : vendor + " / " + model;
    }

    private static String[] read() {
        String vendor = null;
        String model = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                if (vendor == null && key.equals("vendor_id")) {
                    vendor = line.substring(colon + 1).trim();
                } else if (model == null && key.equals("model name")) {
                    model = line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return new String[] {vendor, model};
    }
}
