package org.rosebench.core.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shim is recognised by its mapped file name only, not by a path that merely contains it. */
class MklVendorShimTest {

    @Test
    void recognisesTheMappedShimAndNothingElse() {
        String libc = "7f1c2a000000-7f1c2a028000 r--p 00000000 08:01 1234 /lib/x86_64-linux-gnu/libc.so.6";
        String shim = "7f1c2b000000-7f1c2b001000 r-xp 00001000 08:01 5678 "
                + "/srv/cache/rose-bench/mkl-shim/123/librose-bench-mkl-vendor-shim.so";
        String lookalike = "7f1c2c000000-7f1c2c001000 r--p 00000000 08:01 9 /srv/cache/librose-bench-mkl-vendor-shim.so.tmp";
        assertTrue(MklVendorShim.mapped(List.of(libc, shim)));
        assertFalse(MklVendorShim.mapped(List.of(libc)));
        assertFalse(MklVendorShim.mapped(List.of(libc, lookalike)));
        assertFalse(MklVendorShim.mapped(List.of()));
    }
}
