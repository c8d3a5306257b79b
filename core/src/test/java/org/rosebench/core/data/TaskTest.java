package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void byNameAcceptsCliAndGlueNames() {
        assertEquals(Task.SST2, Task.byName("sst2"));
        assertEquals(Task.SST2, Task.byName("SST-2"));
        assertEquals(Task.MNLI, Task.byName("MNLI"));
    }

    @Test
    void byNameErrorListsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.byName("cola"));
        assertEquals("unknown task 'cola' (valid: sst2, qnli, qqp, rte, mnli)", e.getMessage());
    }

    @Test
    void labelNamesInHfGlueOrder() {
        assertEquals(List.of("negative", "positive"), Task.SST2.labelNames());
        assertEquals(List.of("entailment", "not_entailment"), Task.QNLI.labelNames());
        assertEquals(List.of("entailment", "not_entailment"), Task.RTE.labelNames());
        assertEquals(List.of("not_duplicate", "duplicate"), Task.QQP.labelNames());
        assertEquals(List.of("entailment", "neutral", "contradiction"), Task.MNLI.labelNames());
    }

    @Test
    void labelIndexByNameOrNumber() {
        assertEquals(1, Task.MNLI.labelIndex("neutral"));
        assertEquals(2, Task.MNLI.labelIndex("2"));
        assertEquals(-1, Task.MNLI.labelIndex("3"));
        assertEquals(-1, Task.RTE.labelIndex("Entailment"));
        assertEquals(-1, Task.RTE.labelIndex(""));
        assertEquals(-1, Task.RTE.labelIndex("-1"));
    }

    @Test
    void advGlueKeysAndSplits() {
        assertEquals(List.of("mnli", "mnli-mm"), Task.MNLI.advGlueKeys());
        assertEquals(Task.MNLI, Task.byAdvGlueKey("mnli-mm"));
        assertEquals(List.of("question", "sentence"), Task.QNLI.advGlueTextKeys());
        assertEquals(List.of(Split.DEV_MATCHED, Split.DEV_MISMATCHED), Task.MNLI.devSplits());
        assertEquals(List.of(Split.DEV), Task.QQP.devSplits());
        assertFalse(Task.SST2.isPair());
        assertTrue(Task.QQP.isPair());
    }

    @Test
    void splitByName() {
        assertEquals(Split.DEV_MISMATCHED, Split.byName("dev_mismatched"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.byName("test"));
        assertTrue(e.getMessage().contains("train, dev, dev_matched, dev_mismatched"), e.getMessage());
    }
}
