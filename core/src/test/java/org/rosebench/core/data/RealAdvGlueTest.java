package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes and label counts of AdvGLUE dev.json (docs/data-formats.md §3). */
class RealAdvGlueTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sst2    | 148 | 72 76",
            "qqp     | 78  | 46 32",
            "qnli    | 148 | 74 74",
            "rte     | 81  | 35 46",
            "mnli    | 121 | 32 39 50",
            "mnli-mm | 162 | 60 45 57",
    })
    void countsAndLabels(String key, int size, String labels) {
        List<Example> examples = TestData.glueData().loadAdvGlue(key);
        Task task = Task.byAdvGlueKey(key);
        assertEquals(size, examples.size());
        int[] expected = java.util.Arrays.stream(labels.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, TestData.labelCounts(examples, task.numLabels()));
        assertTrue(examples.stream().allMatch(e -> e.isPair() == task.isPair()));
    }

    @Test
    void readAllHasEveryKeyInTaskOrder() {
        Map<String, List<Example>> all = AdvGlueReader.readAll(TestData.glueData().advGlueFile());
        assertEquals(List.of("sst2", "qnli", "qqp", "rte", "mnli", "mnli-mm"), List.copyOf(all.keySet()));
    }

    @Test
    void firstItemsMatchTheFile() {
        Example sst = AdvGlueReader.read(TestData.glueData().advGlueFile(), Task.SST2).get(0);
        assertEquals(0, sst.index());
        assertEquals(1, sst.label());
        assertTrue(sst.textA().startsWith("it 's an uneven treat that bores fun"));

        Example mnli = TestData.glueData().loadAdvGlue("mnli").get(0);
        assertEquals("We have plenty of space in the landfill .", mnli.textB());
        assertEquals(2, mnli.label()); // contradiction in HF order
    }
}
