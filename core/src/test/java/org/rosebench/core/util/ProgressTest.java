package org.rosebench.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-line summary a bar leaves for {@code status}: how far, rate over the work done since it started. */
class ProgressTest {

    private String before;

    @BeforeEach
    void enable() {
        before = System.getProperty("rose.progress");
        System.setProperty("rose.progress", "true");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("rose.progress");
        } else {
            System.setProperty("rose.progress", before);
        }
    }

    @Test
    void aResumedBarCountsEarlierWorkInHowFarButNotInTheRate() throws Exception {
        try (Progress p = Progress.start("train vanilla epoch 2/3", 10, "ex", 6)) {
            // nothing done since the start: no rate, no time left
            assertEquals("train vanilla epoch 2/3: 6/10 ex (60%)", Progress.latest().orElseThrow().line());
            Thread.sleep(50);
            p.stepBy(4, "loss 0.6931");
            String line = Progress.latest().orElseThrow().line();
            assertTrue(line.startsWith("train vanilla epoch 2/3: 10/10 ex (100%), "), line);
            assertTrue(line.endsWith(" ex/s, loss 0.6931"), line);
            // 4 examples in at least 50 ms: at most 80/s; counting the 6 resumed ones would allow up to 200/s
            double rate = Double.parseDouble(line.replaceAll(".*, ([0-9.]+) ex/s.*", "$1"));
            assertTrue(rate > 0 && rate <= 80, line);
        }
    }

    @Test
    void aBarInProgressSaysWhatIsLeft() throws Exception {
        try (Progress p = Progress.start("attack pwws", 100, "ex")) {
            Thread.sleep(1_050); // the summary is refreshed at most once a second while a bar moves
            p.stepBy(25, null);
            String line = Progress.latest().orElseThrow().line();
            assertTrue(line.matches("attack pwws: 25/100 ex \\(25%\\), [0-9.]+ ex/s, [0-9]+:[0-9]{2} left"), line);
        }
    }
}
