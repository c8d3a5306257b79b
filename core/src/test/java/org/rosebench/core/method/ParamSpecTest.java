package org.rosebench.core.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParamSpecTest {

    @Test
    void equalNumbersHaveOneSpelling() {
        ParamSpec d = ParamSpec.decimal("gamma", 0.5, "");
        for (String v : new String[] {"0.5", "5e-1", "0.50", " .5 ", "5.0E-1"}) {
            assertEquals("0.5", d.validate("m", v), v);
        }
        assertEquals("0.00001", ParamSpec.decimal("eps", 1e-5, "").defaultValue(), "defaults too");
        assertEquals("1", d.validate("m", "1.0"));
        ParamSpec i = ParamSpec.integer("upper", 60, "");
        assertEquals("60", i.validate("m", "+060"));
    }

    @Test
    void notAFiniteNumberIsRefused() {
        ParamSpec d = ParamSpec.decimal("gamma", 0.5, "");
        for (String v : new String[] {"NaN", "Infinity", "1d", "abc"}) {
            assertThrows(IllegalArgumentException.class, () -> d.validate("m", v), v);
        }
    }
}
