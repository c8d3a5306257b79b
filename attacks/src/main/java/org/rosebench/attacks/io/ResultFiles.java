package org.rosebench.attacks.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rosebench.attacks.AttackResult;

/** Reads result files back (to resume a run or recompute the summary). */
public final class ResultFiles {

    private ResultFiles() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The file's header line ({@link AttackFileHeader}), if it has one; empty for a missing or empty file. */
    public static java.util.Optional<AttackFileHeader> readHeader(Path file) throws IOException {
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = mapper().readTree(line);
                } catch (IOException e) {
                    return java.util.Optional.empty(); // a torn first line: no complete header
                }
                return AttackFileHeader.isHeader(n) ? java.util.Optional.of(AttackFileHeader.of(n))
                        : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * All results in a JSONL file, in file order, without its header line; an empty list when the file does not
     * exist. A torn last line (a run killed mid-write) is ignored.
     */
    public static List<AttackResult> readJsonl(Path file) throws IOException {
        List<AttackResult> results = new ArrayList<>();
        if (!Files.exists(file)) {
            return results;
        }
        ObjectMapper mapper = mapper();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode n = mapper.readTree(lines.get(i));
                if (AttackFileHeader.isHeader(n)) {
                    continue;
                }
                results.add(mapper.treeToValue(n, AttackResult.class));
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw new IOException(file + " line " + (i + 1) + " is not a result: " + e.getMessage(), e);
                }
            }
        }
        return results;
    }
}
