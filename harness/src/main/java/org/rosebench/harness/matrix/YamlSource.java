package org.rosebench.harness.matrix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML file that remembers the line of every value, so that validation errors can point at the line
 * (the tree model alone forgets locations).
 */
final class YamlSource {

    private static final YAMLFactory YAML = new YAMLFactory();
    /** A key given twice would otherwise win silently (the last one). */
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    final Path file;
    final String text;
    final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlSource(Path file, String text, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.text = text;
        this.root = root;
        this.lines = lines;
    }

    static YamlSource read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    static YamlSource parse(Path file, String text) {
        try {
            JsonNode root = MAPPER.readTree(text);
            return new YamlSource(file, text, root, locate(text));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage();
            java.util.regex.Matcher dup = java.util.regex.Pattern.compile("^Duplicate field '(.*)'").matcher(msg);
            throw new ConfigException(file, line, "", dup.find() ? "duplicate key '" + dup.group(1) + "' (a setting "
                    + "may appear once in a mapping)" : "not valid YAML: " + msg);
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "not valid YAML: " + e.getMessage());
        }
    }

    /** Line of the value at a JSON pointer ({@code /methods/2/spec}), or of its nearest located ancestor. */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null || p.isEmpty()) {
                return l == null ? 0 : l;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static Map<String, Integer> locate(String text) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    continue;
                }
                // the context of a value token is its container; the pointer names the value itself
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    pointer = p.getParsingContext().getParent() == null ? ""
                            : p.getParsingContext().getParent().pathAsPointer().toString();
                }
                out.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        }
        return out;
    }
}
