package org.rosebench.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void namesTheCpuAndTheNativeMemorySettings() throws Exception {
        ObjectNode p = Provenance.collect();
        String cpu = p.path("cpu").asText();
        assertFalse(cpu.isBlank(), p.toString());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            // the first vendor_id line of the file, independently read
            String vendor = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("vendor_id"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
            if (vendor != null) {
                assertTrue(cpu.startsWith(vendor + " / ") || cpu.equals(vendor), cpu + " vs vendor " + vendor);
            }
        }
        assertTrue(p.has("glibc_tunables"), p.toString());
        String tunables = System.getenv("GLIBC_TUNABLES");
        if (tunables == null || tunables.isEmpty()) {
            assertTrue(p.get("glibc_tunables").isNull(), p.toString());
        } else {
            assertEquals(tunables, p.get("glibc_tunables").asText());
        }
    }
}
