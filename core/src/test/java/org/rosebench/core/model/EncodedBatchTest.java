package org.rosebench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EncodedBatchTest {

    // three rows padded to 4: lengths 2, 4, 3 (pad id 0)
    private static final EncodedBatch BATCH = new EncodedBatch(3, 4,
            new long[] {101, 102, 0, 0, 101, 7, 8, 102, 101, 9, 102, 0},
            new long[] {0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0},
            new long[] {1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0});

    @Test
    void rowLengthsCountTheUnpaddedPositions() {
        assertEquals(2, BATCH.rowLength(0));
        assertEquals(4, BATCH.rowLength(1));
        assertEquals(3, BATCH.rowLength(2));
    }

    @Test
    void selectedRowsArePaddedOnlyToTheLongestOfThem() {
        EncodedBatch b = BATCH.rows(new int[] {2, 0});
        assertEquals(2, b.batchSize());
        assertEquals(3, b.length());
        assertArrayEquals(new long[] {101, 9, 102, 101, 102, 0}, b.inputIds());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, b.typeIds());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 0}, b.attentionMask());
        EncodedBatch full = BATCH.rows(new int[] {1});
        assertArrayEquals(new long[] {101, 7, 8, 102}, full.inputIds());
        assertArrayEquals(new long[] {0, 0, 1, 1}, full.typeIds());
    }
}
