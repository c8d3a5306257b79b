package org.rosebench.core.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearScheduleTest {

    @Test
    void noWarmupDecaysFromFullLr() {
        LinearSchedule s = new LinearSchedule(0, 4);
        assertEquals(2e-5, s.lrForUpdate(2e-5, 1), 0.0); // first update: lr·T/T
        assertEquals(1.5e-5, s.lrForUpdate(2e-5, 2), 1e-20);
        assertEquals(1.0e-5, s.lrForUpdate(2e-5, 3), 1e-20);
        assertEquals(0.5e-5, s.lrForUpdate(2e-5, 4), 1e-20);
        assertEquals(0.0, s.multiplier(4));
        assertEquals(0.0, s.multiplier(9), "clamped at 0 past the end");
    }

    @Test
    void warmupRampsThenDecays() {
        LinearSchedule s = new LinearSchedule(2, 6);
        assertEquals(0.0, s.multiplier(0)); // HF: the first update of a warm-up runs with lr 0
        assertEquals(0.5, s.multiplier(1));
        assertEquals(1.0, s.multiplier(2)); // (6−2)/(6−2)
        assertEquals(0.75, s.multiplier(3));
        assertEquals(0.25, s.multiplier(5));
        assertEquals(0.0, s.multiplier(6));
        assertEquals(0.5, s.lrForUpdate(1.0, 2));
    }

    @Test
    void warmupStepsFollowHfRule() {
        assertEquals(10, LinearSchedule.warmupSteps(0, 0.1, 95)); // ceil(9.5)
        assertEquals(5, LinearSchedule.warmupSteps(5, 0.1, 95));
        assertEquals(0, LinearSchedule.warmupSteps(0, 0.0, 95));
    }

    @Test
    void updatesAreOneBased() {
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(0, 3).lrForUpdate(1.0, 0));
    }
}
