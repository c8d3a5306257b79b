package org.rosebench.core.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AdvGLUE {@code dev.json} (docs/data-formats.md §3): one JSON object keyed by task ({@code sst2, qqp, mnli,
 * mnli-mm, qnli, rte}), each a list of items with integer {@code idx} and {@code label} and the task's text keys
 * ({@link Task#advGlueTextKeys()}). Labels use the HF {@code glue} order, like {@link Task#labelNames()}.
 * The file is small (~200 kB), so it is parsed as a tree; a {@code *.gz} file is read transparently.
 *
 * <p>Every problem is a {@link DataFormatException} naming the file: malformed/truncated JSON (with Jackson's
 * line and column), an empty file, a missing task key, and per item (named {@code <key>[<position>]}, 0-based)
 * a missing {@code idx}, label or text key, a non-integer label or one out of the task's range.
 */
public final class AdvGlueReader {

    // Trailing-token check: a second top-level value after the object means the file is corrupt.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AdvGlueReader() {
    }

    /** The examples of one AdvGLUE key ({@code sst2}, ..., {@code mnli-mm}), in file order. */
    public static List<Example> read(Path file, String key) {
        Task.byAdvGlueKey(key); // fail fast on a typo, listing the valid keys
        return examples(file, parse(file), key);
    }

    /** The examples of a task's first AdvGLUE key (for MNLI the matched set {@code mnli}). */
    public static List<Example> read(Path file, Task task) {
        return read(file, task.advGlueKeys().get(0));
    }

    /** All six keys, in {@link Task} order; every key must be present. */
    public static Map<String, List<Example>> readAll(Path file) {
        JsonNode root = parse(file);
        Map<String, List<Example>> all = new LinkedHashMap<>();
        for (String key : Task.allAdvGlueKeys()) {
            all.put(key, examples(file, root, key));
        }
        return Collections.unmodifiableMap(all);
    }

    private static JsonNode parse(Path file) {
        JsonNode root;
        try (InputStream in = DataFiles.openStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
            throw new DataFormatException(file, line, column, "malformed or truncated JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new DataFormatException(file, 0, "empty file (expected a JSON object keyed by task)");
        }
        if (!root.isObject()) {
            throw new DataFormatException(file, 0, "expected a JSON object keyed by task, found " + root.getNodeType());
        }
        return root;
    }

    private static List<Example> examples(Path file, JsonNode root, String key) {
        JsonNode items = root.get(key);
        if (items == null) {
            List<String> found = new ArrayList<>();
            root.fieldNames().forEachRemaining(found::add);
            throw new DataFormatException(file, 0, "missing task key '" + key + "' (found: " + String.join(", ", found) + ")");
        }
        if (!items.isArray()) {
            throw new DataFormatException(file, 0, "task key '" + key + "' is not a list but " + items.getNodeType());
        }
        if (items.isEmpty()) {
            // an empty set would be stored as an accuracy of 0.00 %
            throw new DataFormatException(file, 0, "task key '" + key + "' has no examples (empty list)");
        }
        Task task = Task.byAdvGlueKey(key);
        List<String> textKeys = task.advGlueTextKeys();
        List<Example> out = new ArrayList<>(items.size());
        Iterator<JsonNode> it = items.elements();
        for (int pos = 0; it.hasNext(); pos++) {
            JsonNode item = it.next();
            String where = key + "[" + pos + "]";
            if (!item.isObject()) {
                throw new DataFormatException(file, 0, where + ": item is not a JSON object");
            }
            JsonNode idx = item.get("idx");
            if (idx == null || !idx.canConvertToInt() || !idx.isIntegralNumber()) {
                throw new DataFormatException(file, 0, where + ": " + (idx == null ? "missing 'idx'" : "'idx' is not an integer"));
            }
            where += " (idx " + idx.intValue() + ")";
            JsonNode label = item.get("label");
            if (label == null) {
                throw new DataFormatException(file, 0, where + ": missing 'label'");
            }
            if (!label.isIntegralNumber() || !label.canConvertToInt()) {
                throw new DataFormatException(file, 0, where + ": label is not an integer: " + label);
            }
            int l = label.intValue();
            if (l < 0 || l >= task.numLabels()) {
                throw new DataFormatException(file, 0, where + ": label " + l + " out of range 0.." + (task.numLabels() - 1)
                        + " (" + String.join(", ", task.labelNames()) + ")");
            }
            String[] texts = new String[2];
            for (int k = 0; k < textKeys.size(); k++) {
                JsonNode t = item.get(textKeys.get(k));
                if (t == null || t.isNull()) {
                    throw new DataFormatException(file, 0, where + ": missing text key '" + textKeys.get(k) + "'");
                }
                if (!t.isTextual()) {
                    throw new DataFormatException(file, 0, where + ": text key '" + textKeys.get(k) + "' is not a string");
                }
                texts[k] = t.textValue();
            }
            out.add(new Example(idx.intValue(), texts[0], texts[1], l));
        }
        return Collections.unmodifiableList(out);
    }
}
