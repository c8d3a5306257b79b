package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes and label distributions of the bundled files (data/README.md, docs/data-formats.md §2). */
class RealGlueDataTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "sst2 | train          | 67349 | 29780 37569     | OFFICIAL",
            "sst2 | dev            | 872   | 428 444         | OFFICIAL",
            "rte  | train          | 2490  | 1249 1241       | OFFICIAL",
            "rte  | dev            | 277   | 146 131         | OFFICIAL",
            "qnli | dev            | 5463  | 2702 2761       | OFFICIAL",
            "qqp  | dev            | 40430 | 25545 14885     | HF_DERIVED",
            "mnli | dev_matched    | 9815  | 3479 3123 3213  | HF_DERIVED",
            "mnli | dev_mismatched | 9832  | 3463 3129 3240  | HF_DERIVED",
            "mnli | train          | 480   | 160 160 160     | SUBSET",
            "qnli | train          | 320   | 160 160         | SUBSET",
            "qqp  | train          | 320   | 160 160         | SUBSET",
    })
    void countsAndLabels(String taskName, String splitName, int size, String labels, SplitFile.Variant variant) {
        Task task = Task.byName(taskName);
        GlueSplit split = TestData.glueData().load(task, Split.byName(splitName));
        assertEquals(variant, split.source().variant());
        assertEquals(size, split.size());
        assertEquals(0, split.skippedRows());
        int[] expected = java.util.Arrays.stream(labels.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, TestData.labelCounts(split.examples(), task.numLabels()));
        for (int i = 0; i < split.size(); i++) {
            Example e = split.examples().get(i);
            assertEquals(i, e.index(), "index = data row number");
            assertEquals(task.isPair(), e.isPair());
        }
    }

    @Test
    void subsetAndDerivedFilesCarryANote() {
        GlueData data = TestData.glueData();
        assertTrue(data.resolve(Task.MNLI, Split.TRAIN).note().contains("SUBSET"));
        assertTrue(data.resolve(Task.QQP, Split.DEV).note().contains("HF-derived"));
        assertNull(data.resolve(Task.RTE, Split.DEV).note());
    }

    @Test
    void bareQuoteIsKeptVerbatim() {
        // QNLI dev row 694: the sentence starts with a bare '"' that a quote-aware CSV reader would eat.
        List<Example> dev = TestData.glueData().load(Task.QNLI, Split.DEV).examples();
        Example e = dev.get(694);
        assertEquals("Who discovered the Compton Effect?", e.textA());
        assertTrue(e.textB().startsWith("\" Luis Walter Alvarez, Murray Gell-Mann"), e.textB());
        assertEquals(1, e.label()); // not_entailment
    }

    @Test
    void quotesInRteStayInsideTheirField() {
        // 48 RTE dev lines contain '"'; if any were treated as quoting, rows would merge and the count would drop.
        List<Example> dev = TestData.glueData().load(Task.RTE, Split.DEV).examples();
        long withQuote = dev.stream().filter(e -> e.textA().contains("\"") || e.textB().contains("\"")).count();
        assertEquals(48, withQuote);
    }

    @Test
    void sst2KeepsTrailingSpaceAndFirstRow() {
        Example first = TestData.glueData().load(Task.SST2, Split.DEV).examples().get(0);
        assertEquals("it 's a charming and often affecting journey . ", first.textA());
        assertNull(first.textB());
        assertFalse(first.isPair());
        assertEquals(1, first.label());
    }

    @Test
    void mnliOfficialTrainLayoutUsesSentenceColumnsAndGoldLabel() {
        Example first = TestData.glueData().load(Task.MNLI, Split.TRAIN).examples().get(0);
        assertEquals("Well, he showed them.", first.textA());
        assertNotNull(first.textB());
    }

    @Test
    void limitStopsEarly() {
        GlueSplit s = TestData.glueData().load(Task.SST2, Split.TRAIN, new GlueTsvReader(Task.SST2).limit(100));
        assertEquals(100, s.size());
        assertEquals(99, s.examples().get(99).index());
    }
}
