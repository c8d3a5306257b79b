package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How result rows name a data file: by root kind and relative path, so rows do not depend on the machine. */
class DataPathTest {

    @Test
    void filesAreNamedByTheirRootNotByTheMachinesPath(@TempDir Path tmp) throws Exception {
        Path own = Files.createDirectories(tmp.resolve("own"));
        Path user = Files.createDirectories(tmp.resolve("user"));
        String before = System.getProperty("rose.data.user");
        System.setProperty("rose.data.user", user.toString());
        try {
            DataPath path = DataPath.standard(own, "--data");
            Path bundled = DataPath.bundledDataDir();
            assertEquals("bundled:glue/SST-2/train.tsv.gz", path.locate(bundled.resolve("glue/SST-2/train.tsv.gz")));
            assertEquals("user:glue/QNLI/train.tsv", path.locate(user.resolve("glue/QNLI/train.tsv")));
            assertEquals(own.toAbsolutePath() + ":glue/RTE/dev.tsv", path.locate(own.resolve("glue/RTE/dev.tsv")));
            assertEquals(tmp.resolve("elsewhere.tsv").toString(), path.locate(tmp.resolve("elsewhere.tsv")));
        } finally {
            if (before == null) {
                System.clearProperty("rose.data.user");
            } else {
                System.setProperty("rose.data.user", before);
            }
        }
    }
}
