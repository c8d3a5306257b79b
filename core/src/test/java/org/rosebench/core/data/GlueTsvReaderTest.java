package org.rosebench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlueTsvReaderTest {

    private static final String RTE_HEADER = "index\tsentence1\tsentence2\tlabel\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static DataFormatException fails(Task task, Path file) {
        return assertThrows(DataFormatException.class, () -> new GlueTsvReader(task).read(file));
    }

    @Test
    void readsPairsWithLabelNamesAndBareQuotes() throws IOException {
        Path f = write("dev.tsv", RTE_HEADER
                + "0\tHe said \"hi.\tA \"quoted\" text\"\tentailment\n"
                + "1\t\"\tB\tnot_entailment\n");
        List<Example> ex = new GlueTsvReader(Task.RTE).readExamples(f);
        assertEquals(List.of(new Example(0, "He said \"hi.", "A \"quoted\" text\"", 0),
                new Example(1, "\"", "B", 1)), ex);
    }

    @Test
    void singleSentenceTaskHasNoTextB() throws IOException {
        Path f = write("dev.tsv", "sentence\tlabel\nfine . \t1\nbad \t0\n");
        List<Example> ex = new GlueTsvReader(Task.SST2).readExamples(f);
        assertEquals(new Example(0, "fine . ", null, 1), ex.get(0));
        assertNull(ex.get(1).textB());
    }

    @Test
    void columnsAreFoundByNameNotPosition() throws IOException {
        // The HF-derived QQP layout (idx first) and a shuffled order both work.
        Path f = write("dev.hf.tsv", "is_duplicate\tquestion2\tidx\tquestion1\n1\tq2\t0\tq1\n");
        assertEquals(new Example(0, "q1", "q2", 1), new GlueTsvReader(Task.QQP).readExamples(f).get(0));
    }

    @Test
    void mnliOfficialDevLayoutUsesGoldLabelNotLabel1() throws IOException {
        String header = "index\tpromptID\tpairID\tgenre\ts1b\ts2b\ts1p\ts2p\tsentence1\tsentence2"
                + "\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label\n";
        String row = "0\t1\t1n\tfiction\t-\t-\t-\t-\tP\tH\tneutral\tneutral\tentailment\tneutral\tneutral\tcontradiction\n";
        Example e = new GlueTsvReader(Task.MNLI).readExamples(write("dev_matched.tsv", header + row)).get(0);
        assertEquals(new Example(0, "P", "H", 2), e);
    }

    @Test
    void mnliHfLayoutUsesLabelNamesInHfOrder() throws IOException {
        Path f = write("dev_matched.hf.tsv", "idx\tpremise\thypothesis\tlabel\n"
                + "0\tp\th\tentailment\n1\tp\th\tneutral\n2\tp\th\tcontradiction\n");
        List<Integer> labels = new GlueTsvReader(Task.MNLI).readExamples(f).stream().map(Example::label).toList();
        assertEquals(List.of(0, 1, 2), labels);
    }

    @Test
    void numericLabelsAreAcceptedWithinRange() throws IOException {
        Path f = write("dev.tsv", RTE_HEADER + "0\ta\tb\t1\n");
        assertEquals(1, new GlueTsvReader(Task.RTE).readExamples(f).get(0).label());
    }

    @Test
    void missingColumnFailsWithFileLineAndReason() throws IOException {
        Path f = write("dev.tsv", RTE_HEADER + "0\ta\tb\tentailment\n1\tonly one sentence\tentailment\n");
        DataFormatException e = fails(Task.RTE, f);
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("wrong column count: expected 4"), e.getMessage());
        assertEquals(3, e.line());
        assertEquals(f, e.file());
    }

    @Test
    void extraColumnFails() throws IOException {
        DataFormatException e = fails(Task.SST2, write("train.tsv", "sentence\tlabel\na\tb\t1\n"));
        assertTrue(e.getMessage().contains("train.tsv:2: wrong column count: expected 2 tab-separated fields, found 3"),
                e.getMessage());
    }

    @Test
    void emptyFieldFailsAsMissing() throws IOException {
        DataFormatException e = fails(Task.RTE, write("dev.tsv", RTE_HEADER + "0\ta\t\tentailment\n"));
        assertTrue(e.getMessage().endsWith("dev.tsv:2: missing field 'sentence2' (empty)"), e.getMessage());
    }

    @Test
    void unknownLabelFailsListingTheLabels() throws IOException {
        StringBuilder sb = new StringBuilder(RTE_HEADER);
        for (int i = 0; i < 15; i++) {
            sb.append(i).append("\ta\tb\tentailment\n");
        }
        sb.append("15\ta\tb\tmaybe\n");
        Path f = write("dev.tsv", sb.toString());
        DataFormatException e = fails(Task.RTE, f);
        assertEquals(f + ":17: unknown label 'maybe' (expected one of entailment, not_entailment)", e.getMessage());
    }

    @Test
    void outOfRangeNumericLabelFails() throws IOException {
        DataFormatException e = fails(Task.SST2, write("dev.tsv", "sentence\tlabel\nx\t2\n"));
        assertTrue(e.getMessage().contains("dev.tsv:2: unknown label '2' (expected one of negative, positive)"),
                e.getMessage());
    }

    @Test
    void legacyMnliLabelOrderIsNotUsed() {
        assertEquals(List.of("entailment", "neutral", "contradiction"), Task.MNLI.labelNames());
    }

    @Test
    void wrongHeaderFails() throws IOException {
        DataFormatException e = fails(Task.SST2, write("dev.tsv", "text\tlabel\nx\t1\n"));
        assertTrue(e.getMessage().contains("dev.tsv:1: wrong header for SST-2: expected columns sentence, label; "
                + "found text, label"), e.getMessage());
    }

    @Test
    void wrongHeaderForMnliListsBothLayouts() throws IOException {
        DataFormatException e = fails(Task.MNLI, write("dev.tsv", RTE_HEADER + "0\ta\tb\tentailment\n"));
        assertTrue(e.getMessage().contains("sentence1, sentence2, gold_label (official GLUE) or "
                + "premise, hypothesis, label (HF-derived)"), e.getMessage());
    }

    @Test
    void headerlessFileFailsOnHeader() throws IOException {
        DataFormatException e = fails(Task.RTE, write("dev.tsv", "0\ta\tb\tentailment\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("wrong header"), e.getMessage());
    }

    @Test
    void emptyFileFails() throws IOException {
        DataFormatException e = fails(Task.QNLI, write("dev.tsv", ""));
        assertTrue(e.getMessage().contains("dev.tsv:1: empty file"), e.getMessage());
    }

    @Test
    void headerOnlyFileFails() throws IOException {
        DataFormatException e = fails(Task.QNLI, write("dev.tsv", "index\tquestion\tsentence\tlabel\n"));
        assertTrue(e.getMessage().contains("dev.tsv:1: no data rows"), e.getMessage());
    }

    @Test
    void invalidUtf8Fails() throws IOException {
        Path f = dir.resolve("dev.tsv");
        Files.write(f, new byte[] {'s', 'e', 'n', 't', 'e', 'n', 'c', 'e', '\t', 'l', 'a', 'b', 'e', 'l', '\n',
                (byte) 0xC3, '(', '\t', '1', '\n'});
        DataFormatException e = fails(Task.SST2, f);
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void skipMalformedCountsAndSkipsButKeepsRowNumbers() throws IOException {
        // QQP official layout; line 3 lacks a field, line 4 has an empty question2.
        Path f = write("train.tsv", "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
                + "0\t1\t2\ta\tb\t0\n"
                + "1\t3\t4\tc\t1\n"
                + "2\t5\t6\te\t\t1\n"
                + "3\t7\t8\tg\th\t1\n");
        assertThrows(DataFormatException.class, () -> new GlueTsvReader(Task.QQP).read(f));
        GlueTsvReader.Result r = new GlueTsvReader(Task.QQP).skipMalformed(true).read(f);
        assertEquals(2, r.skippedRows());
        assertEquals(List.of(new Example(0, "a", "b", 0), new Example(3, "g", "h", 1)), r.examples());
    }

    @Test
    void skipMalformedStillFailsOnUnknownLabel() throws IOException {
        Path f = write("dev.tsv", RTE_HEADER + "0\ta\tb\tmaybe\n");
        assertThrows(DataFormatException.class, () -> new GlueTsvReader(Task.RTE).skipMalformed(true).read(f));
    }

    @Test
    void limitReadsOnlyAPrefixAndRejectsNonPositive() throws IOException {
        Path f = write("dev.tsv", RTE_HEADER + "0\ta\tb\tentailment\n1\tc\td\tentailment\n2\tbroken\n");
        List<Example> ex = new GlueTsvReader(Task.RTE).limit(2).readExamples(f);
        assertEquals(2, ex.size());
        assertThrows(IllegalArgumentException.class, () -> new GlueTsvReader(Task.RTE).limit(0));
    }

    @Test
    void readsGzipAndIgnoresBomAndCrlf() throws IOException {
        Path gz = dir.resolve("dev.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("\uFEFF" + "sentence\tlabel\r\nok \t1\r\n").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(new Example(0, "ok ", null, 1)), new GlueTsvReader(Task.SST2).readExamples(gz));
    }

    @Test
    void missingFileIsADataException() {
        DataException e = assertThrows(DataException.class,
                () -> new GlueTsvReader(Task.RTE).read(dir.resolve("nope.tsv")));
        assertTrue(e.getMessage().contains("nope.tsv"), e.getMessage());
    }
}
