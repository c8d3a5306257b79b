package org.rosebench.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** ROSE's {@code selection.jsonl}: kept-tensor fraction per training step. */
final class SelectionLog {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SelectionLog() {}

    /** step → kept_fraction; errors name the file, line and reason. */
    static Map<Long, Double> keptFraction(Path file) throws IOException {
        Map<Long, Double> out = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number;
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage());
                }
                JsonNode step = node.get("step");
                JsonNode kept = node.get("kept_fraction");
                if (step == null || !step.isIntegralNumber()) {
                    throw new IllegalArgumentException(where + ": missing integer 'step'");
                }
                if (kept == null || !kept.isNumber()) {
                    throw new IllegalArgumentException(where + ": missing number 'kept_fraction'");
                }
                out.put(step.longValue(), kept.doubleValue());
            }
        }
        return out;
    }
}
