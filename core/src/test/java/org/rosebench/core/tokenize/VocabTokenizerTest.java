package org.rosebench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosebench.core.model.EncodedBatch;

/** The tokenizer.json we build from a vocab.txt behaves like HF's BertTokenizerFast. */
class VocabTokenizerTest {

    @Test
    void wordPieceFromVocabHandlesCaseSubwordsPairsAndTruncation(@TempDir Path dir) throws Exception {
        Path vocab = dir.resolve("vocab.txt");
        Files.write(vocab, List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "film", "is", "great", "un",
                "##believ", "##able", ",", "!", "a"));
        Path json = dir.resolve("tokenizer.json");
        WordPieceTokenizerJson.write(vocab, true, json);
        try (TextTokenizer t = TextTokenizer.load(json, 8, 0)) {
            assertEquals(List.of("the", "film", "is", "un", "##believ", "##able", "!"), t.tokenize("The FILM is Unbelievable!"));
            EncodedBatch pair = t.encode("the film", "is great");
            assertArrayEquals(new long[] {2, 5, 6, 3, 7, 8, 3}, pair.inputIds());
            assertArrayEquals(new long[] {0, 0, 0, 0, 1, 1, 1}, pair.typeIds());
            EncodedBatch truncated = t.encode("the film is great , the film is great", null);
            assertEquals(8, truncated.length());
            assertEquals(3, truncated.inputIds()[7], "[SEP] kept after truncation");
            assertEquals(List.of("[UNK]"), t.tokenize("zebra"));
        }
    }
}
