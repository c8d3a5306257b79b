package org.rosebench.harness.cli;

import org.rosebench.core.model.EngineDropoutGenerator;
import org.rosebench.core.util.CpuInfo;
import org.rosebench.core.util.MklVendorShim;
import org.rosebench.core.util.Provenance;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = RoseBench.class.getPackage().getImplementationVersion();
        String tunables = System.getenv("GLIBC_TUNABLES");
        return new String[] {"rose-bench " + (v == null ? "dev" : v) + " (commit " + Provenance.gitCommit() + ")",
            "java " + System.getProperty("java.version") + "; glibc malloc: "
                + (tunables == null || tunables.isEmpty() ? "defaults" : "GLIBC_TUNABLES=" + tunables),
            "MKL kernels: " + (MklVendorShim.loaded() ? "vendor check bypassed (AVX-512 on this AMD CPU, "
                + "ROSE_BENCH_MKL_AVX512=on)" : "MKL's own choice"),
            // what decides whether two machines train the same model from one seed (docs/resume.md §6)
            "CPU: " + CpuInfo.name() + "; libtorch's dropout masks (measured): " + EngineDropoutGenerator.measured()};
    }
}
