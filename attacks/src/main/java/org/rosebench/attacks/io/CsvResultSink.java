package org.rosebench.attacks.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rosebench.attacks.AttackResult;
import org.rosebench.attacks.AttackStatus;
import org.rosebench.attacks.text.AttackedText;

/**
 * A CSV with TextAttack's CSV-logger columns (texts without colour markup; pair inputs as
 * {@code Premise: ...} / {@code Hypothesis: ...} lines) plus this project's extra fields. Appends; the
 * header is written only to a new or empty file.
 */
public final class CsvResultSink implements ResultSink {

    /** Column order. */
    public static final String[] HEADER = {"example_id", "original_text", "perturbed_text", "original_score",
        "perturbed_score", "original_output", "perturbed_output", "ground_truth_output", "num_queries",
        "result_type", "total_queries", "original_confidence", "perturbed_confidence", "perturbed_word_indices",
        "original_num_words", "num_words_changed", "seconds"};

    private final CSVPrinter printer;

    public CsvResultSink(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        this.printer = new CSVPrinter(writer, format);
        if (fresh) {
            printer.printRecord((Object[]) HEADER);
            printer.flush();
        }
    }

    @Override
    public synchronized void write(AttackResult r) throws IOException {
        printer.printRecord(r.exampleId(), printable(r, false), printable(r, true), r.originalScore(),
                r.perturbedScore(), r.originalPrediction(), r.perturbedPrediction(), r.groundTruth(), r.numQueries(),
                resultType(r.status()), r.totalQueries(), r.originalConfidence(), r.perturbedConfidence(),
                Arrays.toString(r.perturbedWordIndices().toArray()), r.originalNumWords(), r.numWordsChanged(),
                r.seconds());
        printer.flush();
    }

    private static String printable(AttackResult r, boolean perturbed) {
        return AttackedText.of(r.columnNames(), perturbed ? r.perturbedTexts() : r.originalTexts()).printableText();
    }

    /** TextAttack's {@code result_type} values. */
    static String resultType(AttackStatus status) {
        return switch (status) {
            case SUCCEEDED -> "Successful";
            case FAILED -> "Failed";
            case SKIPPED -> "Skipped";
        };
    }

    @Override
    public synchronized void close() throws IOException {
        printer.close();
    }
}
